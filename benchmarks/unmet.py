"""For each goal a run did not meet: the cause in a few words, its measured detail, and the profile
that shows it. Causes shared by several goals are spelled out once, under the list.
"""

from __future__ import annotations

from benchmarks.goals import Goal
from benchmarks.report import Results, get

CAUSES = {
    "request path": (
        "per HTTP request: httpx's client machinery on the `ApiClient`'s client (building the request, "
        "merging headers, the cookie jar: `httpx.Cookies.extract_cookies` builds a urllib request and an "
        "email message per response; `httpx.Headers` lookups that scan and decode every header), the "
        "policy (`PolicyTransport`: headers, deadline, retry loop, the body read into a new "
        "`httpx.Response`), `httpx_aiohttp`'s conversion between the two libraries' objects, and the "
        "generated `Response` and parsing; under that, aiohttp itself, which is the floor. Numbers under "
        "Findings, The request path; profiles W2, W3, W4."
    ),
    "TensorData construction": (
        "the `Datum(...)` calls that turn numpy loss inputs into `TensorData`: the generated attrs "
        "`__init__` with its converters, a copy of each array (`NumericArray.typed`) and the shape check "
        "(`_tinker_check`), where the official `TensorData` keeps the caller's array. Profile: W1."
    ),
    "memory": (
        "tinkex's process holds more than the floor's before the first sample (interpreter, numpy, "
        "httpx, aiohttp, httpx_aiohttp, attrs, the generated modules a sample touches, the pools), and "
        "each call in flight adds its requests, responses and futures. Findings: W3 memory."
    ),
    "generic layers": (
        "the hand-written core spoke HTTP/1.1 and protobuf in its own code; the generated core sends "
        "through httpx, httpx_aiohttp and aiohttp and encodes with the upb messages, which issue 14 keeps "
        "rather than hand-written protocol code. Findings: The request path, Protobuf encode."
    ),
}


def _detail(goal: Goal, results: Results) -> tuple[str, str]:
    """(cause, the goal's own measured detail)."""
    text = goal.text
    if text.startswith("W1 datum building from lists"):
        t, o = (get(results, "W1", label, "datum_loss_inputs_ms") for label in ("tinkex", "official"))
        f_t, f_o = (get(results, "W1", label, "from_ints_ms") for label in ("tinkex", "official"))
        if t is None or o is None or f_t is None or f_o is None:
            return "TensorData construction", ""
        return (
            "TensorData construction",
            f"`Datum(...)` with numpy loss inputs {t:.2f} ms vs {o:.2f} ms ({t / o:.1f}×); "
            f"`from_ints` {f_t:.2f} vs {f_o:.2f} ms ({f_t / f_o:.2f}×)",
        )
    if text.startswith("W3") and "RSS" in text:
        key = "W3_" + text.split()[1].rstrip(":")
        start, peak = (get(results, key, "tinkex", k) for k in ("rss_before_mib", "peak_rss_mib"))
        official = get(results, key, "official", "peak_rss_mib")
        if start is None or peak is None or official is None:
            return "memory", ""
        detail = f"{start:.0f} MiB before the first sample, {peak:.0f} MiB peak; the goal is {0.6 * official:.0f} MiB"
        return "memory", detail
    if text.startswith("W3"):
        key = "W3_" + text.split()[1].rstrip(":")
        f, o = (get(results, key, label, "cpu_ms_per_call") for label in ("floor", "official"))
        rate_f, rate_o = (get(results, key, label, "calls_per_s") for label in ("floor", "official"))
        if f is None or o is None or not rate_f or not rate_o:
            return "request path", ""
        return (
            "request path",
            f"bare aiohttp alone: {f / o:.2f}× the official CPU per call, {rate_f / rate_o:.2f}× its calls/s",
        )
    if text.startswith("W2"):
        profile = results.get("profile_W2", {}).get("tinkex", {})
        serialize, own = (profile.get("facts", {}).get(k) for k in ("serialize_own_s", "own_s"))
        units = profile.get("units")
        if serialize and own and units:
            share = (
                f"in the W2 profile, protobuf `SerializeToString` is {100 * serialize / own:.0f} % of the CPU"
            )
            return "request path", share
        return "request path", ""
    if text.startswith(("W4", "Floor")):
        return "request path", ""
    if text.startswith("No other figure"):
        return "generic layers", ""
    return "", "see the findings and profiles below"


def unmet_markdown(goals: list[Goal], results: Results) -> str:
    lines, used = [], []
    for goal in goals:
        if goal.met is not False:
            continue
        cause, detail = _detail(goal, results)
        parts = [p for p in (f"*{cause}*" if cause else "", detail) if p]
        lines.append(f"- **{goal.text}** ({goal.measured}): " + "; ".join(parts))
        if cause and cause not in used:
            used.append(cause)
    if not lines:
        return ""
    causes = [f"- *{cause}*: {CAUSES[cause]}" for cause in used]
    return "\n".join([*lines, "", "Causes:", "", *causes])
