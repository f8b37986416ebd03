"""jax stays an optional extra (LOSS-18): importing tinkex never imports it."""

from __future__ import annotations

import subprocess
import sys

_NO_JAX = """
import sys
import tinkex, tinkex.custom_loss, tinkex.regularizers, tinkex.regularizers.builtins
assert "jax" not in sys.modules, sorted(m for m in sys.modules if m.startswith("jax"))
print("ok")
"""

_MISSING_EXTRA = """
import sys
sys.modules["jax"] = None  # makes `import jax` raise ImportError, as without the extra
import numpy as np
from tinkex.custom_loss import compute_custom_loss
from tinkex.types import Datum, ModelInput
datum = Datum(model_input=ModelInput.from_ints([1]), loss_fn_inputs={"target_tokens": [2]})
try:
    compute_custom_loss([datum], [np.zeros(1, np.float32)], lambda d, lp: lp[0].sum())
except ImportError as exc:
    print(exc)
"""


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_importing_tinkex_and_custom_loss_does_not_import_jax() -> None:
    # covers LOSS-18
    assert _run(_NO_JAX).strip() == "ok"


def test_missing_jax_extra_names_the_install_command() -> None:
    # covers LOSS-18
    assert "pip install 'tinkex[jax]'" in _run(_MISSING_EXTRA)
