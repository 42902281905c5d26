"""The openai backend: any server that speaks OpenAI's chat-completions protocol (vLLM, llama.cpp's
server, Ollama, TGI, SGLang), through the official `openai` client, with requests in flight up to
the model file's `concurrency`, each with its `timeout` and `retries` (the client's own
exponential backoff)."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from summarizer.backends.base import InstructBackend
from summarizer.backends.specs import ModelSpec
from summarizer.errors import ModelError, register_secret, shown_url
from summarizer.runtime import Runtime

PREFLIGHT_TIMEOUT = 10.0
"""Seconds the start-up check waits for the server's model list."""


def _client(spec: ModelSpec, **options):
    try:
        import openai
    except ImportError:
        raise ModelError("the openai backend needs the optional package: pip install 'summarizer[openai]'") from None
    key = "not-needed"  # servers without keys ignore it, but the client insists on one
    if spec.api_key_env:
        key = os.environ.get(spec.api_key_env, "")
        if not key:
            raise ModelError(f"{spec.source or spec.name}: api_key_env: the variable {spec.api_key_env} is not set")
        register_secret(key)
    settings = {"timeout": spec.timeout, "max_retries": spec.retries, **options}
    return openai.OpenAI(base_url=spec.base_url, api_key=key, **settings)


class OpenAIBackend(InstructBackend):
    def __init__(self, spec: ModelSpec, runtime: Runtime | None = None):
        super().__init__(spec, runtime)
        self.client = _client(spec)
        self._answers: dict[str, str] = {}
        """This run's answers by request: a batch that failed is retried article by article, and
        then only the requests that failed go out again."""

    @classmethod
    def preflight(cls, spec: ModelSpec) -> ModelSpec:
        """The server answers and serves the model; the spec gains the model the server reports."""
        where = spec.source or spec.name
        try:
            served = list(_client(spec, timeout=min(spec.timeout, PREFLIGHT_TIMEOUT), max_retries=1).models.list())
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - connection, protocol or HTTP errors: the user needs one line
            raise ModelError(f"{where}: the server at {shown_url(spec.base_url)} does not answer: "
                             f"{server_error(exc)}") from None
        entry = next((model for model in served if model.id == spec.model), None)
        if entry is None:
            names = ", ".join(sorted(model.id for model in served)) or "nothing"
            raise ModelError(f"{where}: the server at {shown_url(spec.base_url)} does not serve {spec.model!r} "
                             f"(it serves {names})")
        return replace(spec, served_model=getattr(entry, "root", None) or entry.id)

    def count_tokens(self, text: str) -> int:
        """One per character: no tokenizer here, and a CJK character is about one token for instruct
        models' vocabularies (Latin text takes fewer), so the estimate errs on the short side."""
        return len(self.spec.prefix + text)

    def _complete(self, chats: list[list[dict[str, str]]], batch_size: int) -> list[str]:
        with ThreadPoolExecutor(max(1, self.spec.concurrency)) as pool:
            return list(pool.map(self._ask, chats))

    def _ask(self, chat: list[dict[str, str]]) -> str:
        request = json.dumps(chat, ensure_ascii=False)
        if request not in self._answers:
            try:
                response = self.client.chat.completions.create(
                    model=self.spec.model, messages=chat, temperature=0,
                    max_tokens=self.spec.generation.get("max_new_tokens", 512))
            except Exception as exc:  # noqa: BLE001 - after the client's retries: this article's failure
                raise ModelError(f"{self.spec.model} at {shown_url(self.spec.base_url)}: {server_error(exc)} "
                                 f"from the {self.spec.task} server") from None
            choice = response.choices[0] if response.choices else None
            self._answers[request] = (choice.message.content if choice else None) or ""
        return self._answers[request]


def server_error(exc: BaseException) -> str:
    """What went wrong with a request, as a status and a fixed phrase: a server's error text may
    echo the request (its key, its prompt), so none of it is ever shown."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return f"HTTP {status}"
    name = type(exc).__name__
    if "Timeout" in name:
        return "no answer in time"
    if "Connection" in name:
        return "no connection"
    return f"a failed request ({name})"
