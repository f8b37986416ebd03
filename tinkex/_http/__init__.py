"""tinkex's HTTP layer: headers, retries, pools and the request pipeline."""
