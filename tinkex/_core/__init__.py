"""The runtime every client shares: the one background event loop, the state one
``ServiceClient`` shares with the clients it creates (sessions, heartbeats), request ordering,
future polling, admission limits, closing, and the queue-state/telemetry hooks."""
