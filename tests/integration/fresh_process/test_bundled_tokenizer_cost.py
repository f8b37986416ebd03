"""The tokenizer bundled for the local byte models loads in a fresh interpreter without torch,
named by its id or by its folder."""

from __future__ import annotations

import subprocess
import sys


def test_bundled_tokenizer_loads_without_torch() -> None:
    # AutoTokenizer's model-config imports would pull torch in (seconds) for a byte vocabulary.
    code = (
        "import sys\n"
        "from tinkex import tokenizer\n"
        "tok = tokenizer.load_tokenizer(tokenizer.LOCAL_BYTE_TOKENIZER)\n"
        "assert tok.encode('héllo', add_special_tokens=False) == list('héllo'.encode())\n"
        "folder = str(tokenizer.BUNDLED_TOKENIZERS[tokenizer.LOCAL_BYTE_TOKENIZER])\n"
        "by_folder = tokenizer.load_tokenizer(folder)  # as a tokenizer saved on disk is named\n"
        "assert by_folder.encode('héllo', add_special_tokens=False) == list('héllo'.encode())\n"
        "print(sorted(m for m in ('torch', 'jax') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
