from typing import Literal

SessionFailureCategory = Literal["internal", "user"]

SESSION_FAILURE_CATEGORY_VALUES: set[SessionFailureCategory] = {
    "internal",
    "user",
}


def check_session_failure_category(value: str) -> SessionFailureCategory:
    if value in SESSION_FAILURE_CATEGORY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SESSION_FAILURE_CATEGORY_VALUES!r}")
