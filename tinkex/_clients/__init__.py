"""The parts the public clients are built from: the forward/backward pipeline and checkpoint
calls of ``TrainingClient``, sampling back-pressure and pickling of ``SamplingClient``, the
collaborators of ``RestClient`` (``rest_*``) and of ``ServiceClient`` (``service_*``). The
public classes themselves stay in ``tinkex/*_client.py``."""
