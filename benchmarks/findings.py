"""The "what is true now" section of RESULTS.md: this run's numbers, and what they come from.

Every number is read from this run's results (and the facts ``profiles.facts`` took from its
profiles); the prose says what the code does, which the profiles below the section show.
"""

from __future__ import annotations

from typing import Any

from benchmarks.report import Results, fanouts, get, official_import_key


def findings_markdown(results: Results) -> str:
    parts = [
        _datums(results),
        _request_path(results),
        _floor(results),
        _memory(results),
        _transport(results),
        _encode(results),
        _import(results),
    ]
    return "\n".join(part for part in parts if part)


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} ms"


def _facts(results: Results, key: str) -> dict[str, Any]:
    facts: dict[str, Any] = results.get(key, {}).get("tinkex", {}).get("facts", {})
    return facts


def _split(results: Results, key: str, top: int = 5) -> str:
    split = _facts(results, key).get("owner_split") or []
    return ", ".join(f"{owner} {100 * share:.0f} %" for owner, share in split[:top])


def _datums(results: Results) -> str:
    t, o, b = (get(results, "W1", label, "datums_ms") for label in ("tinkex", "official", "baseline"))
    if t is None or o is None:
        return ""
    parts = {
        label: (get(results, "W1", label, "from_ints_ms"), get(results, "W1", label, "datum_loss_inputs_ms"))
        for label in ("tinkex", "official")
    }
    before = f"; tinkex before the generated core {_ms(b)}" if b is not None else ""
    text = (
        f"- **Datum building from lists (W1): {_ms(t)} against {_ms(o)} for the official SDK "
        f"({t / o:.2f}×; the goal is ≤ {0.5 * o:.2f} ms){before}.** Split in its halves: the 64 "
        f"`ModelInput.from_ints(list)` calls cost {_ms(parts['tinkex'][0])} in tinkex and "
        f"{_ms(parts['official'][0])} in the official SDK; the 64 `Datum(...)` calls that turn two numpy "
        f"arrays each into `TensorData` cost {_ms(parts['tinkex'][1])} against {_ms(parts['official'][1])}. "
        "tinkex's `from_ints` copies the list and checks it in one C-level pass (`sum`, in "
        "`types/behaviour/fields.py:int_list`); each `TensorData` runs the generated attrs `__init__` "
        "with its converters (dtype, shape through `int_list`), copies the array and marks it read-only "
        "(`NumericArray.typed`) and checks the shape (`_tinker_check`), where the official `TensorData` is "
        "a frozen dataclass that keeps the caller's array when its dtype already matches. "
    )
    share = _split(results, "profile_W1")
    if share:
        text += f"By package, the profiled building spends its own time in: {share}."
    return text


def _request_path(results: Results) -> str:
    facts = _facts(results, "profile_W3")
    units = results.get("profile_W3", {}).get("tinkex", {}).get("units")
    n = fanouts(results)[0] if fanouts(results) else None
    if not facts.get("own_s") or not units or n is None:
        return ""
    requests = 2 * units  # asample + one retrieve_future (the fake server answers the first poll)
    own = facts["own_s"]
    t, o, b = (
        get(results, f"W3_{n}", label, "cpu_ms_per_call") for label in ("tinkex", "official", "baseline")
    )
    before = f" and {_ms(b)} before the generated core" if b is not None else ""
    return (
        f"- **The request path (W2, W3, W4).** A W3 sample ({n} in flight) costs tinkex {_ms(t)} of CPU "
        f"against {_ms(o)} for the official SDK{before}; it is two HTTP requests (`asample`, "
        "`retrieve_future`). A request is built by the generated endpoint and sent on the `ApiClient`'s "
        "`httpx.AsyncClient` (`tinkex/_http/calls.py`), whose transport `PolicyTransport` "
        "(`tinkex/_http/policy.py`: headers, deadline, retry loop, size cap) hands it to the pool's "
        "`httpx_aiohttp` transport, then reads the body into a new `httpx.Response` (`_read_capped`); "
        "the generated module wraps that in its own `Response` and parses it. In the W3 profile (exact "
        "call counts of plain functions): httpx's cookie jar runs "
        f"{facts['extract_cookies_calls'] / requests:.1f} times per request (`Cookies.extract_cookies`, "
        "from `_send_single_request`: it builds a urllib request and an email message per response), "
        f"{100 * facts['extract_cookies_s'] / own:.0f} % of the profiled CPU; "
        f"{facts['header_lookups'] / requests:.0f} `httpx.Headers` lookups per request, each a scan that "
        f"decodes every header, {100 * facts['header_lookups_s'] / own:.0f} %. Own time by package, W3: "
        f"{_split(results, 'profile_W3', 6)}; W2: {_split(results, 'profile_W2', 6)}."
    )


def _floor(results: Results) -> str:
    lines = []
    for n in fanouts(results):
        key = f"W3_{n}"
        t, o, f = (get(results, key, label, "cpu_ms_per_call") for label in ("tinkex", "official", "floor"))
        rate_o, rate_f = (get(results, key, label, "calls_per_s") for label in ("official", "floor"))
        if t is None or f is None:
            continue
        text = f"{n} samples: tinkex {_ms(t)}, floor {_ms(f)} ({t / f:.2f}×)"
        if o is not None:
            # The CPU goal (tinkex ≤ 0.25× official) leaves tinkex at most this multiple of the floor.
            text += f"; ≤ 0.25× the official SDK's {_ms(o)} would allow tinkex {0.25 * o / f:.2f}× the floor"
        if rate_o and rate_f:
            text += f", and the floor's own calls/s are {rate_f / rate_o:.2f}× the official SDK's (goal for tinkex ≥ 4×)"
        lines.append(text)
    w4_t, w4_f = get(results, "W4", "tinkex", "median_ms"), get(results, "W4", "floor", "median_ms")
    w4_o = get(results, "W4", "official", "median_ms")
    if w4_t is not None and w4_f is not None:
        text = f"W4 median latency: tinkex {_ms(w4_t)}, floor {_ms(w4_f)} ({w4_t / w4_f:.2f}×)"
        if w4_o is not None:
            text += f"; ≤ 0.5× official would allow {0.5 * w4_o / w4_f:.2f}× the floor"
        lines.append(text)
    if not lines:
        return ""
    return (
        "- **Floor: bare aiohttp, no SDK.** CPU per call, "
        + "; ".join(lines)
        + ". A multiple below 1 means no SDK on aiohttp can meet that tinkex/official goal; what tinkex "
        "costs above the floor is the SDK (see The request path)."
    )


def _memory(results: Results) -> str:
    parts = []
    for n in fanouts(results):
        key = f"W3_{n}"
        row = []
        for label, name in (
            ("tinkex", "tinkex"),
            ("official", "official"),
            ("floor", "floor"),
            ("baseline", "before"),
        ):
            peak, start = get(results, key, label, "peak_rss_mib"), get(results, key, label, "rss_before_mib")
            if peak is not None and start is not None:
                row.append(
                    f"{name} {start:.0f} → {peak:.0f} MiB ({(peak - start) * 1024 / int(n):.1f} KiB per call)"
                )
        if row:
            parts.append(f"{n} samples: " + ", ".join(row))
    if not parts:
        return ""
    text = (
        "- **W3 memory (RSS before the burst → peak).** "
        + "; ".join(parts)
        + ". Before the first sample tinkex's process holds more than the floor's: the same interpreter, "
        "numpy and aiohttp, plus httpx, httpx_aiohttp, attrs, tinkex and the generated modules a sample "
        "touches. During the burst both open as many connections as the pools allow (1,000 for sampling, "
        "250 for futures)"
    )
    facts, units = _facts(results, "profile_W3"), results.get("profile_W3", {}).get("tinkex", {}).get("units")
    if facts.get("connects") and units:
        text += f": the W3 profile counts {facts['connects']} sockets connected for {units} samples"
    return text + "; the hand-written core opened at most 16 at a time and reused those that freed up."


def _transport(results: Results) -> str:
    keys = sorted((k for k in results if k.startswith("W7_")), key=lambda k: int(k.split("_")[1]))
    if not keys:
        return ""
    key = keys[-1]
    a, h, f = (get(results, key, label, "cpu_ms_per_call") for label in ("tinkex", "tinkex_httpx", "floor"))
    if a is None or h is None:
        return ""
    floor = f", bare aiohttp {_ms(f)}" if f is not None else ""
    return (
        f"- **Transport (W7, {key.split('_')[1]} samples, up to 1,000 in flight).** Client CPU per sample: "
        f"tinkex over aiohttp {_ms(a)}, over httpx's own pool {_ms(h)} ({h / a:.2f}×){floor}. "
        'This is why `transport="aiohttp"` is the default; httpx\'s pool stays for HTTP/2 and for '
        '`transport="httpx"`.'
    )


def _encode(results: Results) -> str:
    t, o, b = (get(results, "W1", label, "protobuf_ms") for label in ("tinkex", "official", "baseline"))
    if t is None:
        return ""
    facts = _facts(results, "profile_W2")
    serialize = facts.get("serialize_own_s")
    units = results.get("profile_W2", {}).get("tinkex", {}).get("units")
    text = f"- **Protobuf encode (W1): tinkex {_ms(t)}, official {_ms(o)}"
    text += f", before the generated core {_ms(b)}.**" if b is not None else ".**"
    text += (
        " The body is now the generated upb message (`tinkex/_wire/proto_codec.py`) filled field by "
        "field and serialized with `SerializeToString`, as the official SDK does; the hand-written "
        "framer wrote the bytes directly."
    )
    if serialize and units:
        text += f" In the W2 profile `SerializeToString` alone is {1000 * serialize / units:.2f} ms per step."
    return text


def _import(results: Results) -> str:
    t, f = get(results, "W0", "tinkex", "import_s"), get(results, "W0", "tinkex", "first_use_s")
    o = get(results, "W0", "official", official_import_key(results))
    o_first = get(results, "W0", "official", official_import_key(results, first_use=True))
    if t is None or f is None or o is None or o_first is None:
        return ""
    return (
        f"- **Import (W0).** `import tinkex` takes {1000 * t:.0f} ms because names load lazily; touching "
        f"`ServiceClient` and `types.Datum` brings it to {1000 * f:.0f} ms, against {1000 * o_first:.0f} ms "
        f"for the official SDK ({f / o_first:.2f}×). The goal row uses the bare import, as issue 8's did."
    )
