"""``python -m tinkex``: the same as the ``tinkex`` command."""

from tinkex.cli import main

if __name__ == "__main__":
    main()
