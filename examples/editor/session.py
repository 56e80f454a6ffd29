"""An editor session with `parkscore lsp`, as the JSON-RPC messages on the pipes: a committee
secretary opens 3-environment.pks of the 2020 guideline (a copy), types a gap into 7.17 (the
2-point band's lower bound 0.05 -> 0.06), asks for the quick fix, applies it, and hovers on
COD_emitted. Every message is printed as sent or received (long ones shortened).

    python examples/editor/session.py          (needs: pip install -e '.[lsp]')
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class Pipe:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "parkscore", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        msg: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        show("→", msg)
        body = json.dumps(msg, ensure_ascii=False).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return msg.get("id")

    def receive(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while (line := self.proc.stdout.readline().strip()):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def until(self, want: Any) -> dict[str, Any]:
        """Read messages until one satisfies ``want``; print the ones that matter."""
        while True:
            msg = self.receive()
            if want(msg):
                show("←", msg)
                return msg

    def answer(self, request_id: int | None) -> dict[str, Any]:
        return self.until(lambda m: m.get("id") == request_id and "method" not in m)


def show(arrow: str, msg: dict[str, Any]) -> None:
    """One line per message; a document's text and the server's capabilities are summarised."""
    shown = json.loads(json.dumps(msg))
    doc = shown.get("params", {}).get("textDocument", {}) if isinstance(shown.get("params"), dict) else {}
    if "text" in doc:
        doc["text"] = f"<{len(doc['text'])} characters>"
    if isinstance(shown.get("result"), dict) and "capabilities" in shown["result"]:
        shown["result"]["capabilities"] = sorted(shown["result"]["capabilities"])
    print(arrow, json.dumps(shown, ensure_ascii=False), "\n", flush=True)


def main() -> None:
    folder = Path(tempfile.mkdtemp()) / "2020"
    shutil.copytree(ROOT / "standards" / "cpcif-green-park" / "2020", folder, ignore=shutil.ignore_patterns("tests"))
    path = folder / "3-environment.pks"
    uri, text = path.as_uri(), path.read_text(encoding="utf-8")
    band = text.splitlines().index("  score 0.05 < COD_intensity <= 0.1 -> 2")  # 0-based line of 7.17's 2-point band
    formula = text.splitlines().index("  COD_intensity = COD_emitted / industrial_output")
    lsp = Pipe()
    try:
        lsp.answer(lsp.send("initialize", {"processId": None, "rootUri": folder.as_uri(), "capabilities": {}}, request=True))
        lsp.send("initialized", {})
        lsp.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "parkscore", "version": 1, "text": text}})
        lsp.until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        lsp.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": band, "character": 8}, "end": {"line": band, "character": 12}}, "text": "0.06"}]})
        published = lsp.until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        gap = [d for d in published["params"]["diagnostics"] if d["code"] == "E302"]
        actions = lsp.answer(lsp.send("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": gap[0]["range"], "context": {"diagnostics": gap}}, request=True))
        edit = actions["result"][0]["edit"]["changes"][uri][0]  # the editor applies the first fix
        lsp.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]})
        lsp.until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        col = text.splitlines()[formula].index("COD_emitted") + 3
        lsp.answer(lsp.send("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": formula, "character": col}}, request=True))
        lsp.answer(lsp.send("shutdown", None, request=True))
        lsp.send("exit", None)
        lsp.proc.wait(10)
    finally:
        if lsp.proc.poll() is None:
            lsp.proc.kill()
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
