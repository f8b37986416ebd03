"""The official SDK's ``tinker.lib`` import paths, for ``tinkex.install_as_tinker()``.

Only ``tinkex.lib.public_interfaces`` lives here; the other public ``tinker.lib`` paths are
aliases of tinkex modules (``tinkex._compat.tinker_alias.OFFICIAL_MODULE_ALIASES``).
"""
