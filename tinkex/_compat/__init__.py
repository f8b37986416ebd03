"""Drop-in compatibility with the official ``tinker`` SDK: ``install_as_tinker()``, the
deprecated client-or-future objects, its deprecation warnings, its objects accepted as
arguments, and the small names it exports at top level."""
