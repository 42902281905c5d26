"""The causal-LM backend: a local instruct LLM (Qwen2.5-Instruct, say) through transformers'
AutoModelForCausalLM and the tokenizer's chat template, decoding greedily."""

from __future__ import annotations

from summarizer.backends.base import InstructBackend, in_length_batches
from summarizer.backends.specs import ModelSpec
from summarizer.backends.transformers_backend import cpu_threads, load_pretrained
from summarizer.errors import ModelError
from summarizer.runtime import Runtime

_NOT_SAMPLED = {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
"""Greedy decoding, whatever the model's generation_config.json says (instruct models ship sampling)."""


class CausalLMBackend(InstructBackend):
    def __init__(self, spec: ModelSpec, runtime: Runtime | None = None):
        super().__init__(spec, runtime)
        # Left padding: every prompt of a batch then ends where generation starts.
        self.compute_type, self.tokenizer, self.model = load_pretrained(
            spec, self.runtime, "AutoModelForCausalLM", padding_side="left")
        if not getattr(self.tokenizer, "chat_template", None):
            raise ModelError(f"model {spec.name} ({spec.model}) has no chat template: an instruct model is needed")
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token

    def _complete(self, chats: list[list[dict[str, str]]], batch_size: int) -> list[str]:
        prompts = [self.tokenizer.apply_chat_template(chat, tokenize=False, add_generation_prompt=True) for chat in chats]
        return in_length_batches(prompts, batch_size, len, self._generate_batch)

    def _generate_batch(self, prompts: list[str]) -> list[str]:
        import torch

        inputs = self.tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False).to(self.runtime.device)
        with torch.inference_mode(), cpu_threads(self.runtime.threads):
            output_ids = self.model.generate(**inputs, **{**self.spec.generation, **_NOT_SAMPLED},
                                             pad_token_id=self.tokenizer.pad_token_id)
        return self.tokenizer.batch_decode(output_ids[:, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
