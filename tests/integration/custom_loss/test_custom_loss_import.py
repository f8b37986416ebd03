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
sys.modules["torch"] = None  # and torch, which would otherwise run the loss
import numpy as np
from tinkex.custom_loss import compute_custom_loss
from tinkex.types import Datum, ModelInput
datum = Datum(model_input=ModelInput.from_ints([1]), loss_fn_inputs={"target_tokens": [2]})
try:
    compute_custom_loss([datum], [np.zeros(1, np.float32)], lambda d, lp: lp[0].sum())
except ImportError as exc:
    print(exc)
"""


_TORCH_WITHOUT_JAX = """
import sys
sys.modules["jax"] = None
import numpy as np
from tinkex.custom_loss import compute_custom_loss
from tinkex.types import Datum, ModelInput
datum = Datum(model_input=ModelInput.from_ints([1, 2]), loss_fn_inputs={"target_tokens": [2, 3]})
lp = np.array([-1.0, -2.0], np.float32)
result = compute_custom_loss([datum], [lp], lambda d, lps: (lps[0] ** 2).sum())
print(type(result.grads[0]).__name__, result.grads[0].tolist())
try:
    compute_custom_loss([datum], [lp], lambda d, lps: lps[0].sum(), backend="jax")
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


def test_without_jax_a_loss_runs_on_torch_and_an_explicit_jax_backend_names_the_extra() -> None:
    # covers LOSS-18 (torch is the other backend; issue 17)
    first, second = _run(_TORCH_WITHOUT_JAX).strip().splitlines()
    assert first == "ndarray [-2.0, -4.0]"
    assert "pip install 'tinkex[jax]'" in second
