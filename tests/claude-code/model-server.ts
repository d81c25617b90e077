// A stand-in for the Anthropic Messages API on 127.0.0.1, for driving the real Claude Code client.
// It answers POST /v1/messages the way the API does (a stream of server-sent events when `stream` is
// set, else one JSON message) and records every request, so tests can assert on what the client
// showed the model. Requests without `tools` are the client's side requests (titles, summaries):
// they get plain text. Requests with tools go to the scenario's `turn` function, which reads the
// request (the expanded command, the agent's system prompt, tool results) and returns the reply.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: string | ContentBlock[];
  is_error?: boolean;
}
export interface Message {
  role: 'user' | 'assistant' | 'system';
  content: string | ContentBlock[];
}
export interface MessagesRequest {
  model: string;
  system?: string | ContentBlock[];
  messages: Message[];
  tools?: { name: string }[];
  stream?: boolean;
}
export type Reply = { text: string } | { tool: string; input: Record<string, unknown>; text?: string };
export type Turn = (req: Req) => Reply;

/** One recorded request with readers for what the model was shown. */
export class Req {
  constructor(readonly body: MessagesRequest) {}
  /** The whole system prompt as text. */
  get system(): string {
    const s = this.body.system;
    if (!s) return '';
    return typeof s === 'string' ? s : s.map((b) => b.text ?? '').join('\n');
  }
  get tools(): string[] {
    return (this.body.tools ?? []).map((t) => t.name);
  }
  /** Every text the user side carried (prompts, expanded commands, reminders, hook context, tool
   *  results), in order. The client also sends some context as messages with role "system". */
  userTexts(): string[] {
    const out: string[] = [];
    for (const m of this.body.messages) {
      if (m.role === 'assistant') continue;
      for (const b of blocks(m.content)) {
        if (b.type === 'text' && b.text) out.push(b.text);
        if (b.type === 'tool_result') out.push(resultText(b));
      }
    }
    return out;
  }
  /** All user-side text joined: what the model saw as input. */
  get shown(): string {
    return this.userTexts().join('\n');
  }
  /** Index of the message holding the latest prompt (a user message that is not only tool results). */
  private promptIndex(): number {
    const ms = this.body.messages;
    for (let i = ms.length - 1; i >= 0; i--) {
      const m = ms[i] as Message;
      if (m.role === 'user' && blocks(m.content).some((b) => b.type === 'text' && !(b.text ?? '').startsWith('<system-reminder>'))) return i;
    }
    return 0;
  }
  /** The texts shown since the latest prompt (a later slash command in the same session starts anew). */
  promptTexts(): string[] {
    return new Req({ ...this.body, messages: this.body.messages.slice(this.promptIndex()) }).userTexts();
  }
  /** The tool calls the model made since the latest prompt, with their results. */
  calls(): { name: string; input: Record<string, unknown>; result: string; isError: boolean }[] {
    const results = new Map<string, ContentBlock>();
    for (const m of this.body.messages) if (m.role === 'user') for (const b of blocks(m.content)) if (b.type === 'tool_result' && b.tool_use_id) results.set(b.tool_use_id, b);
    const out = [];
    for (const m of this.body.messages.slice(this.promptIndex())) {
      if (m.role !== 'assistant') continue;
      for (const b of blocks(m.content)) {
        if (b.type !== 'tool_use') continue;
        const r = results.get(b.id ?? '');
        out.push({ name: b.name ?? '', input: (b.input ?? {}) as Record<string, unknown>, result: r ? resultText(r) : '', isError: r?.is_error === true });
      }
    }
    return out;
  }
  /** The result of the last tool call, or undefined at the start of a conversation. */
  lastResult(): { name: string; input: Record<string, unknown>; result: string; isError: boolean } | undefined {
    // Newer clients append hook context as a message with role "system" after the tool result.
    const last = this.body.messages.filter((m) => m.role !== 'system').at(-1);
    if (!last || last.role !== 'user' || !blocks(last.content).some((b) => b.type === 'tool_result')) return undefined;
    return this.calls().at(-1);
  }
}

function blocks(c: string | ContentBlock[]): ContentBlock[] {
  return typeof c === 'string' ? [{ type: 'text', text: c }] : c;
}
function resultText(b: ContentBlock): string {
  const c = b.content;
  if (c === undefined) return '';
  return typeof c === 'string' ? c : c.map((x) => x.text ?? '').join('\n');
}

export interface ModelServer {
  url: string;
  /** Every request to /v1/messages, in arrival order. */
  requests: Req[];
  /** The requests that offered tools (the model's real turns). */
  turns(): Req[];
  /** Errors thrown by the scenario (a turn it did not expect); a test asserts this is empty. */
  errors: string[];
  stop(): Promise<void>;
}

let ids = 0;
const nextId = (p: string) => `${p}_${(++ids).toString(36).padStart(8, '0')}`;

function contentOf(reply: Reply): ContentBlock[] {
  const out: ContentBlock[] = [];
  if (reply.text) out.push({ type: 'text', text: reply.text });
  if ('tool' in reply) out.push({ type: 'tool_use', id: nextId('toolu'), name: reply.tool, input: reply.input });
  return out;
}

function send(res: ServerResponse, body: MessagesRequest, reply: Reply): void {
  const content = contentOf(reply);
  const stop = 'tool' in reply ? 'tool_use' : 'end_turn';
  const usage = { input_tokens: 10, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const message = { id: nextId('msg'), type: 'message', role: 'assistant', model: body.model, content, stop_reason: stop, stop_sequence: null, usage };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(message));
    return;
  }
  // The event sequence of https://docs.anthropic.com/en/api/messages-streaming: message_start, per
  // block a start, deltas and a stop, then message_delta with the stop reason and message_stop.
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const ev = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  ev('message_start', { message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } });
  content.forEach((b, index) => {
    if (b.type === 'text') {
      ev('content_block_start', { index, content_block: { type: 'text', text: '' } });
      ev('content_block_delta', { index, delta: { type: 'text_delta', text: b.text } });
    } else {
      ev('content_block_start', { index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } });
      ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) } });
    }
    ev('content_block_stop', { index });
  });
  ev('message_delta', { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 10 } });
  ev('message_stop', {});
  res.end();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startModelServer(turn: Turn): Promise<ModelServer> {
  const requests: Req[] = [];
  const errors: string[] = [];
  const server = createServer(async (req, res) => {
    const url = req.url ?? '';
    if (process.env.SPEC_CC_TRACE) console.error(`model-server: ${req.method} ${url}`);
    if (req.method !== 'POST' || !url.startsWith('/v1/messages')) {
      res.writeHead(url === '/' ? 200 : 404, { 'content-type': 'application/json' });
      res.end('{}');
      return;
    }
    const body = JSON.parse(await readBody(req)) as MessagesRequest;
    if (url.startsWith('/v1/messages/count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ input_tokens: 100 }));
      return;
    }
    const r = new Req(body);
    requests.push(r);
    let reply: Reply;
    if (!body.tools || body.tools.length === 0) reply = { text: 'spec session' };
    else {
      try {
        reply = turn(r);
      } catch (e) {
        errors.push((e as Error).message);
        reply = { text: `scenario error: ${(e as Error).message}` };
      }
    }
    send(res, body, reply);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    errors,
    turns: () => requests.filter((r) => r.tools.length > 0),
    stop: () => new Promise((ok) => server.close(() => ok())),
  };
}
