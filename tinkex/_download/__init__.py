"""The internals of ``tinkex.checkpoint_download``: the rules an archive member must meet, the
checksums verified over the received bytes, and the typed download errors."""
