import { computed, type ReadonlySignal, signal } from "@preact/signals";
import { MAX_CHAT_LENGTH } from "../../../shared/tool_limits.ts";
import type { ToolMessage } from "../../../shared/tools.ts";

export interface ChatLine {
  id: string;
  text: string;
  at: number;
  mine: boolean;
}

/**
 * Chat of one live session, for either side: lines in order, unread count while the panel is closed.
 * `keep` is told of every line, sent or received (the console stores them in the session's transcript).
 */
export function createChat(keep?: (line: ChatLine) => void) {
  const lines = signal<ChatLine[]>([]);
  const open = signal(false);
  const seen = signal(0);
  const unread = computed(() => (open.value ? 0 : lines.value.filter((l) => !l.mine).length - seen.value));
  let send: ((message: ToolMessage) => Promise<void>) | null = null;

  const markSeen = () => (seen.value = lines.value.filter((l) => !l.mine).length);

  return {
    lines: lines as ReadonlySignal<ChatLine[]>,
    open: open as ReadonlySignal<boolean>,
    unread,
    /** Connects the chat to the room's data channel (or disconnects it with null). */
    attach(sender: ((message: ToolMessage) => Promise<void>) | null) {
      send = sender;
    },
    toggle() {
      open.value = !open.value;
      markSeen();
    },
    async say(text: string) {
      const trimmed = text.trim().slice(0, MAX_CHAT_LENGTH);
      if (!trimmed || !send) return false;
      const message = { type: "chat", id: crypto.randomUUID(), text: trimmed, at: Date.now() } as const;
      await send(message);
      const line = { id: message.id, text: message.text, at: message.at, mine: true };
      lines.value = [...lines.value, line];
      keep?.(line);
      return true;
    },
    receive(message: Extract<ToolMessage, { type: "chat" }>) {
      if (lines.value.some((l) => l.id === message.id)) return;
      const line = { id: message.id, text: message.text, at: message.at, mine: false };
      lines.value = [...lines.value, line];
      keep?.(line);
      if (open.value) markSeen();
    },
  };
}

export type Chat = ReturnType<typeof createChat>;
