// What a loopback model server says about its context window, the way each
// real server says it: vLLM in /v1/models (max_model_len), llama.cpp in /props
// (default_generation_settings.n_ctx), Ollama in /api/show (model_info
// "<arch>.context_length", the num_ctx parameter) and /api/ps (context_length
// of the loaded model).

export type ServedContext =
  | { kind: "vllm"; maxModelLen: number }
  | { kind: "llama.cpp"; nCtx: number }
  | { kind: "ollama"; contextLength: number; numCtx?: number; loadedContext?: number };

/** The JSON to answer for `method path`, or undefined when this server has no such route. */
export function servedContextRoute(served: ServedContext | undefined, method: string, path: string, model: string): unknown {
  if (method === "GET" && path === "/v1/models") {
    const maxModelLen = served?.kind === "vllm" ? { max_model_len: served.maxModelLen } : {};
    return { object: "list", data: [{ id: model, object: "model", created: 1_700_000_000, owned_by: "loopback", ...maxModelLen }] };
  }
  if (served?.kind === "llama.cpp" && method === "GET" && path === "/props") {
    return { default_generation_settings: { n_ctx: served.nCtx, params: { n_predict: -1 } }, total_slots: 1, model_path: `/models/${model}.gguf` };
  }
  if (served?.kind === "ollama" && method === "POST" && path === "/api/show") {
    const parameters = [...(served.numCtx ? [`num_ctx                        ${served.numCtx}`] : []), 'stop                           "<|im_end|>"'];
    return {
      parameters: parameters.join("\n"),
      details: { family: "qwen2", parameter_size: "14.8B" },
      model_info: { "general.architecture": "qwen2", "qwen2.context_length": served.contextLength, "qwen2.embedding_length": 5120 },
    };
  }
  if (served?.kind === "ollama" && method === "GET" && path === "/api/ps") {
    return { models: served.loadedContext ? [{ name: model, model, size: 1, size_vram: 1, context_length: served.loadedContext }] : [] };
  }
  return undefined;
}
