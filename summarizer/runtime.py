"""Where and how the models run: one record, handed to the backends' constructors, as
faster-whisper hands `device`, `compute_type` and `cpu_threads` to `WhisperModel`.

Nothing else carries these settings: no environment variable, no process-wide torch setting.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from summarizer.errors import ModelError

DEVICES = ("auto", "cpu", "cuda")
ENGINES = ("local", "ray")
"""Where the night's model work runs: this process, or a Ray cluster's workers (engines/ray.py)."""
COMPUTE_TYPES = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "float16", "bfloat16", "float32")
CTRANSLATE2_GPU_DEFAULT = "int8_float16"
"""CTranslate2 on a GPU: int8 weights, float16 arithmetic."""
DEFAULT_BATCH_SIZE = 6
"""Articles in flight on a CPU. Each mT5 article in flight holds up to about 150 MB of beam-search
cache (4 beams x 512 tokens x 12 layers of cross-attention keys and values); 6 keeps a night of
the default models under 2 GB, at the speed of 8 (measured in benchmarks/speed.py)."""


@dataclass(frozen=True)
class Runtime:
    """The device, number format, CPU threads and batch size the models run with."""

    device: str = "auto"
    """auto (a CUDA GPU where there is one, else the CPU), cpu, or cuda."""
    compute_type: str | None = None
    """None: the model file's on the CPU (int8 for CTranslate2, float32 for transformers); on a
    GPU int8_float16 for CTranslate2 and bfloat16 (float16 where unsupported) for transformers."""
    threads: int | None = None
    """CPU threads per model (None: all cores); CTranslate2 runs that many batches side by side."""
    batch_size: int = DEFAULT_BATCH_SIZE
    """Articles in flight per model call (sentences: twice as many), split among CTranslate2's
    threads on the CPU. About 6 on a CPU; hundreds on a GPU."""
    name_workers: int | None = None
    """Processes that find names ahead of the models (None: all cores but one on a GPU, where the
    models would otherwise wait for them; none on the CPU, where the models need every core)."""

    @property
    def name_processes(self) -> int:
        import os

        if self.name_workers is not None:
            return self.name_workers
        return max(1, (os.cpu_count() or 2) - 1) if self.device == "cuda" else 0

    def resolved(self) -> Runtime:
        """`auto` made cpu or cuda; `cuda` without a usable GPU is an error naming the reason."""
        if self.device not in DEVICES:
            raise ModelError(f"device {self.device!r}: use one of {', '.join(DEVICES)}")
        if self.device == "cpu":
            return self
        reason = cuda_unavailable_reason()
        if self.device == "auto":
            return replace(self, device="cpu" if reason else "cuda")
        if reason:
            raise ModelError(f"--device cuda: no usable CUDA GPU: {reason}")
        return self

    def compute_type_for(self, backend: str, model_default: str) -> str:
        """The number format a backend runs in with these settings (part of the cache key: it changes outputs)."""
        if self.compute_type:
            return self.compute_type
        if backend == "ctranslate2":
            return CTRANSLATE2_GPU_DEFAULT if self.device == "cuda" else model_default
        if self.device == "cuda":
            return "bfloat16" if _bf16_supported() else "float16"
        return "float32"


def release_freed_memory() -> None:
    """Hand memory that the process has freed back to the system (glibc keeps it otherwise).

    CTranslate2 frees its beam-search buffers after each call, but glibc keeps their pages, so the
    translator's working memory would stack on top of the summarizer's. A no-op off glibc."""
    import ctypes
    import ctypes.util

    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def cuda_unavailable_reason() -> str | None:
    """Why torch cannot use a CUDA GPU here, or None if it can."""
    try:
        import torch
    except ImportError:
        return "torch is not installed"
    if not torch.cuda.is_available():
        built = torch.version.cuda
        return "torch.cuda.is_available() is False" + ("" if built else " (this torch is a CPU-only build)")
    return None


def _bf16_supported() -> bool:
    import torch

    return torch.cuda.is_bf16_supported()
