"""The parts the public clients are built from: the forward/backward pipeline and checkpoint
calls of ``TrainingClient``, sampling back-pressure and pickling of ``SamplingClient``, the
listing, administration, weights and download calls of ``RestClient``, and the 0.38 additions
of ``ServiceClient``. The public classes themselves stay in ``tinkex/*_client.py``."""
