// Starts `parkscore lsp` (stdio) for .pks files; everything else is the server's.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("parkscore");
  const server = {
    command: config.get("server.command", "parkscore"),
    args: config.get("server.args", ["lsp"]),
    transport: TransportKind.stdio,
  };
  client = new LanguageClient("parkscore", "parkscore", server, {
    documentSelector: [{ scheme: "file", language: "parkscore" }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
