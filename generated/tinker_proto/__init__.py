"""Protobuf messages of the Tinker protocol, compiled from openapi/tinker_public.proto."""

from . import tinker_public_pb2

__all__ = ["tinker_public_pb2"]
