// A loopback OpenAI-compatible model server for tests: real node:http on
// 127.0.0.1, scripted per call. The app talks to it with the `openai` SDK
// exactly as it talks to vLLM.
//
//   const server = await startModelServer();          // answers {"comments": []}
//   server.reply(({ messages }, call) =>               // script every call
//     call === 0 ? { status: 500 } : { content: '{"comments": []}' });
//   const settings = { baseURL: server.url, model: MODEL_SERVER_MODEL, ... };
//   ...
//   server.requests;     // every chat request body, parsed, in order
//   server.maxInFlight;  // most chat requests open at once, counted here
//   await server.close();
//
// Replies (any of them may carry `delayMs`: wait that long before answering):
//   { content }                          200, finish_reason "stop"
//   { content, finishReason: "length" }  200, truncated answer
//   { content, reasoning }               200 with `reasoning_content` beside the
//                                        content (vLLM, DeepSeek reasoning parsers)
//   { status: 500 | 429 | 400 | …, body?, retryAfterMs?, retryAfterSeconds? }
//                                        HTTP error with an OpenAI-style error body;
//                                        400's default body says response_format
//                                        json_schema is unsupported (servers that
//                                        reject structured output); retryAfterMs
//                                        sends `retry-after-ms` so SDK retries are fast;
//                                        retryAfterSeconds sends `retry-after`
//   { hang: true }                       never answers (for timeouts)
//   { destroy: true }                    drops the socket without an answer
// Every 200 carries `usage` (prompt/completion tokens estimated from lengths).
// startModelServer(script, { served }) also answers what vLLM, llama.cpp or
// Ollama say about their context window (served-context-routes.ts).

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { type ServedContext, servedContextRoute } from "./served-context-routes.js";

export const MODEL_SERVER_MODEL = "test-model";

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  temperature?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

type Delay = { delayMs?: number };
export type ModelReply =
  | (Delay & { content: string; finishReason?: "stop" | "length"; reasoning?: string })
  | (Delay & { status: number; body?: unknown; retryAfterMs?: number; retryAfterSeconds?: number })
  | { hang: true }
  | (Delay & { destroy: true });

/** `call` counts chat requests from 0, retries included. */
export type ReplyHandler = (body: ChatRequestBody, call: number) => ModelReply | Promise<ModelReply>;

export interface ModelServer {
  /** Base URL ending in /v1, for the SDK's `baseURL`. */
  url: string;
  /** Every chat request body received, parsed, in order. */
  requests: ChatRequestBody[];
  /** The most chat requests that were open at the same time. */
  readonly maxInFlight: number;
  /** Replace the script: a handler per call, or one reply for every call. */
  reply(script: ReplyHandler | ModelReply): void;
  /** Stop listening and drop open connections (hanging calls included). */
  close(): Promise<void>;
}

const DEFAULT_REPLY: ModelReply = { content: '{"comments": []}' };

const DEFAULT_ERROR_BODIES: Record<number, { message: string; type: string; param?: string }> = {
  400: {
    message: "response_format of type 'json_schema' is not supported by this server",
    type: "invalid_request_error",
    param: "response_format",
  },
  401: { message: "Invalid API key", type: "invalid_request_error" },
  404: { message: `The model '${MODEL_SERVER_MODEL}' does not exist`, type: "invalid_request_error", param: "model" },
  429: { message: "Rate limit reached, slow down", type: "rate_limit_error" },
};

export interface ModelServerOptions {
  /** What the server says about its context window (see served-context-routes.ts); nothing by default. */
  served?: ServedContext;
}

export async function startModelServer(script?: ReplyHandler | ModelReply, options: ModelServerOptions = {}): Promise<ModelServer> {
  let handler = toHandler(script ?? DEFAULT_REPLY);
  const requests: ChatRequestBody[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let completionCounter = 0;

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: "server_error" } });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0];
    const described = servedContextRoute(options.served, req.method ?? "", path ?? "", MODEL_SERVER_MODEL);
    if (described !== undefined) {
      await readBody(req);
      sendJson(res, 200, described);
      return;
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      await readBody(req);
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: "invalid_request_error" } });
      return;
    }

    const raw = await readBody(req);
    let body: ChatRequestBody;
    try {
      body = JSON.parse(raw) as ChatRequestBody;
    } catch {
      sendJson(res, 400, { error: { message: "request body is not JSON", type: "invalid_request_error" } });
      return;
    }
    const call = requests.length;
    requests.push(body);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const release = () => {
      if (counted) inFlight -= 1;
      counted = false;
    };
    res.on("close", release);

    const reply = await handler(body, call);
    if ("hang" in reply) return;
    if (reply.delayMs) await sleep(reply.delayMs);
    if (res.destroyed) return;
    if ("destroy" in reply) {
      req.socket.destroy();
      return;
    }
    if ("status" in reply) {
      const headers: Record<string, string> = {};
      if (reply.retryAfterMs !== undefined) headers["retry-after-ms"] = String(reply.retryAfterMs);
      if (reply.retryAfterSeconds !== undefined) headers["retry-after"] = String(reply.retryAfterSeconds);
      sendJson(res, reply.status, reply.body ?? { error: errorBody(reply.status) }, headers);
      return;
    }
    const promptTokens = Math.ceil(body.messages.reduce((sum, message) => sum + String(message.content).length, 0) / 4);
    completionCounter += 1;
    sendJson(res, 200, {
      id: `chatcmpl-loopback-${completionCounter}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: reply.content, ...(reply.reasoning === undefined ? {} : { reasoning_content: reply.reasoning }) },
          finish_reason: reply.finishReason ?? "stop",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: Math.ceil(reply.content.length / 4),
        total_tokens: promptTokens + Math.ceil(reply.content.length / 4),
      },
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    reply(next) {
      handler = toHandler(next);
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function toHandler(script: ReplyHandler | ModelReply): ReplyHandler {
  return typeof script === "function" ? script : () => script;
}

function errorBody(status: number) {
  return DEFAULT_ERROR_BODIES[status] ?? { message: `loopback model server error ${status}`, type: "server_error" };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
