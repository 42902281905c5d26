"""An OpenAI-compatible chat-completions server on 127.0.0.1, started and stopped by a test.

It speaks the protocol's two calls the openai backend uses (`GET /v1/models`, `POST
/v1/chat/completions`), answers each chat with `answer(messages)`, and can be told to be slow,
fail with 500 or die, to show what the job does with a server's faults.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVED_MODEL = "qwen2.5-7b-instruct"
SERVED_ROOT = "/models/Qwen2.5-7B-Instruct"


def article_of(messages: list[dict]) -> str:
    """The text a prompt carries (inside its <article> fence, after the `新闻：` or `Text:` line)."""
    user = messages[-1]["content"]
    text = re.split(r"\n(?:新闻：|Text:)\n", user)[-1].strip()
    return re.sub(r"^<article>\n?|\n?</article>$", "", text).strip()


def renderings_of(messages: list[dict]) -> dict[str, str]:
    """The `render 于永生 as Yu Yongsheng` lines of a translation prompt."""
    return dict(re.findall(r"^- render (.+?) as (.+)$", messages[-1]["content"], re.MULTILINE))


def faithful_answer(messages: list[dict]) -> str:
    """What a good model might say: a summary made of the article's opening sentences, or an English
    sentence that renders every name it was given."""
    text = article_of(messages)
    if "Translate" in messages[-1]["content"]:
        names = ", ".join(renderings_of(messages).values()) or "the city"
        figures = re.findall(r"\d+(?:\.\d+)?", text.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")))
        reported = f" the figures {', '.join(figures)}" if figures else " on local work"
        answer = f"Officials including {names} reported{reported}."
        filler = " The report described the work in detail." * (len(re.findall(r"[\u4e00-\u9fff]", text)) // 12)
        return f"Here is the translation: {answer}{filler}"
    return "<think>先找出新闻的要点。</think>" + "".join(re.findall(r"[^。！？]*[。！？]", text)[:2])[:140]


class FakeOpenAIServer:
    """`with FakeOpenAIServer(answer) as server:` serves at server.base_url until the block ends."""

    def __init__(self, answer: Callable[[list[dict]], str] = faithful_answer, models=(SERVED_MODEL,)):
        self.answer = answer
        self.models = list(models)
        self.requests: list[list[dict]] = []
        """Every chat request received, in order (retries included)."""
        self.faults: list[str] = []
        """What to do to the next chat requests, one entry each: "slow:SECONDS", "500", "401-echo"
        (an error that echoes the key and the prompt), or "die"."""
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        if self._thread.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._reply(200, {"object": "list", "data": [
                        {"id": name, "object": "model", "created": 0, "owned_by": "test", "root": SERVED_ROOT}
                        for name in server.models]})
                else:
                    self._reply(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with server.lock:
                    server.requests.append(body.get("messages", []))
                    fault = server.faults.pop(0) if server.faults else None
                if fault == "die":
                    threading.Thread(target=server.stop).start()
                    self.connection.close()
                    return
                if fault == "401-echo":
                    echoed = f"{self.headers.get('Authorization')} {json.dumps(body, ensure_ascii=False)[:200]}"
                    self._reply(401, {"error": {"message": f"bad key: {echoed}", "type": "auth"}})
                    return
                if fault == "500":
                    self._reply(500, {"error": {"message": "internal error", "type": "server_error"}})
                    return
                if fault and fault.startswith("slow:"):
                    time.sleep(float(fault.split(":", 1)[1]))
                if body.get("model") not in server.models:
                    self._reply(404, {"error": {"message": f"model {body.get('model')} not found"}})
                    return
                content = server.answer(body["messages"])
                self._reply(200, {
                    "id": f"chatcmpl-{len(server.requests)}", "object": "chat.completion", "created": 0,
                    "model": body["model"],
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

        return Handler


def served_model_files(folder, base_url: str, **settings) -> tuple[str, str]:
    """TOML files for a served summarizer and translator at base_url; `settings` adds to both."""
    extra = "".join(f"{key} = {json.dumps(value)}\n" for key, value in settings.items())
    paths = []
    for task in ("summarize", "translate"):
        path = folder / f"served-{task}.toml"
        path.write_text(
            f'name = "served-{task}"\ntask = "{task}"\nbackend = "openai"\nmodel = "{SERVED_MODEL}"\n'
            f'base_url = "{base_url}"\nlong_articles = "lead"\nmax_input_tokens = 3000\n{extra}',
            encoding="utf-8")
        paths.append(str(path))
    return paths[0], paths[1]
