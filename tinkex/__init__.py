"""tinkex: a Python SDK for the Tinker fine-tuning API."""
