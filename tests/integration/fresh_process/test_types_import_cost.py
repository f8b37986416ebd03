"""Importing tinkex.types in a fresh interpreter pulls in none of the heavy libraries, and the
ServiceClient alone (what the CLI's REST commands load) pulls in neither numpy nor the sampling
and training clients: those load with the first array or the first client created."""

from __future__ import annotations


def test_import_is_cheap() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tinkex.types\n"
        "print(sorted(m for m in ('jax', 'torch', 'transformers', 'httpx') if m in sys.modules))\n"
        "import tinkex.service_client\n"
        "later = ('numpy', 'tinkex.sampling_client', 'tinkex.training_client', 'google.protobuf')\n"
        "print(sorted(m for m in later if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "[]"]
