"""What an instruct LLM costs per article on this machine, in the real model's shape.

    python benchmarks/llm_speed.py [--shape 1.5b|7b] [--prompt 900] [--new 300] [--batch 1] [--device cpu|cuda]

The real weights cannot be downloaded here, but their cost can be measured: this builds a randomly
initialised Qwen2 causal LM with exactly Qwen2.5-Instruct's architecture and times greedy decoding
through transformers, as the causal-lm backend runs it (float32 on the CPU, bfloat16 on a GPU).
To keep the run short it times the prompt alone (prefill, one new token) and then a few dozen new
tokens, and gives the cost of an article as prefill + `--new` tokens at the measured rate. The
defaults are a summary's prompt (article lead, instructions, names) and answer.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

SHAPES = {
    "1.5b": {"hidden_size": 1536, "intermediate_size": 8960, "num_hidden_layers": 28, "num_attention_heads": 12,
             "num_key_value_heads": 2, "vocab_size": 151936, "tie_word_embeddings": True},
    "7b": {"hidden_size": 3584, "intermediate_size": 18944, "num_hidden_layers": 28, "num_attention_heads": 28,
           "num_key_value_heads": 4, "vocab_size": 152064, "tie_word_embeddings": False},
}
TIMED_TOKENS = 32


def peak_resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=SHAPES, default="1.5b")
    parser.add_argument("--prompt", type=int, default=900, help="prompt tokens per article")
    parser.add_argument("--new", type=int, default=300, help="new tokens per article")
    parser.add_argument("--batch", type=int, default=1, help="articles decoded together")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    args = parser.parse_args()

    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    dtype = torch.float32 if args.device == "cpu" else torch.bfloat16
    started = time.perf_counter()
    torch.manual_seed(0)
    config = Qwen2Config(max_position_embeddings=32768, **SHAPES[args.shape])
    model = Qwen2ForCausalLM(config).to(dtype=dtype, device=args.device).eval()
    parameters = sum(p.numel() for p in model.parameters()) / 1e9
    print(f"built a random Qwen2.5-{args.shape.upper()} shape ({parameters:.2f}B parameters, {dtype}) "
          f"in {time.perf_counter() - started:.0f} s", flush=True)
    prompt = torch.randint(1000, 100000, (args.batch, args.prompt), device=args.device)
    attention = torch.ones_like(prompt)

    def seconds(new_tokens: int) -> float:
        if args.device == "cuda":
            torch.cuda.synchronize()
        begun = time.perf_counter()
        with torch.inference_mode():
            model.generate(input_ids=prompt, attention_mask=attention, do_sample=False, max_new_tokens=new_tokens,
                           min_new_tokens=new_tokens, pad_token_id=0)
        if args.device == "cuda":
            torch.cuda.synchronize()
        return time.perf_counter() - begun

    seconds(1)  # warm-up
    prefill = seconds(1)
    per_token = (seconds(1 + TIMED_TOKENS) - prefill) / TIMED_TOKENS
    per_batch = prefill + args.new * per_token
    print(f"prefill of {args.batch} x {args.prompt} tokens: {prefill:.1f} s; decoding: {per_token:.3f} s per step "
          f"({args.batch} tokens)")
    print(f"peak memory: {peak_resident_mb():.0f} MB")
    print(f"articles/s: {args.batch / per_batch:.4f} ({per_batch / args.batch:.1f} s per article: "
          f"{args.prompt} tokens in, {args.new} out, batch {args.batch}, {args.device})")


if __name__ == "__main__":
    main()
