"""Engines run the model stages over a night's batches: local (this process) or ray (a cluster).
Siblings behind one interface (base.Engine), importing the stages and never the job."""

from summarizer.engines.base import BatchBriefs, Engine

__all__ = ["BatchBriefs", "Engine"]
