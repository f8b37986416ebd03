"""How a ``Config`` is resolved: the environment (the only reader of ``os.environ``), field
validation, credentials and the stored-key file, and logging levels. ``tinkex.config`` is the
public face of this package."""
