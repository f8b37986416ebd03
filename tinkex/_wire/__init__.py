"""The wire layer: the only code in tinkex that imports the generated ``tinker_openapi`` and
``tinker_proto`` packages. Everything else talks to it through neutral dataclasses and numpy
arrays, so client and local server share one encoder/decoder per message."""
