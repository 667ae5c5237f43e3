from .passes import ReleasePass

__all__ = ["ReleasePass"]
