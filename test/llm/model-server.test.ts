// The loopback model server helper itself: what other suites rely on.

import OpenAI from "openai";
import { describe, expect, it } from "vitest";

import { MODEL_SERVER_MODEL, startModelServer } from "../helpers/model-server.js";

describe("startModelServer", () => {
  it("lists its model, answers {\"comments\": []} by default with usage, and records requests", async () => {
    const server = await startModelServer();
    try {
      const openai = new OpenAI({ baseURL: server.url, apiKey: "not-needed", maxRetries: 0 });
      const models = await openai.models.list();
      expect(models.data.map((model) => model.id)).toEqual([MODEL_SERVER_MODEL]);

      const completion = await openai.chat.completions.create({ model: MODEL_SERVER_MODEL, messages: [{ role: "user", content: "hi" }] });
      expect(completion.choices[0]).toMatchObject({ message: { content: '{"comments": []}' }, finish_reason: "stop" });
      expect(completion.usage?.total_tokens).toBeGreaterThan(0);
      expect(server.requests).toEqual([{ model: MODEL_SERVER_MODEL, messages: [{ role: "user", content: "hi" }] }]);
    } finally {
      await server.close();
    }
  });

  it("closes while a call hangs", async () => {
    const server = await startModelServer({ hang: true });
    const openai = new OpenAI({ baseURL: server.url, apiKey: "not-needed", maxRetries: 0, timeout: 5000 });
    const pending = openai.chat.completions.create({ model: MODEL_SERVER_MODEL, messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    await expect.poll(() => server.requests.length).toBe(1);
    await server.close();
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
  });
});
