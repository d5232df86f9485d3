import { computed, signal } from "@preact/signals";
import { MAX_CHAT_LENGTH } from "../../../shared/tool_limits.ts";
import type { ToolMessage } from "../../../shared/tools.ts";

export interface ChatLine {
  id: string;
  text: string;
  at: number;
  mine: boolean;
}

/** Chat of one live session, for either side: lines in order, unread count while the panel is closed. */
export function createChat() {
  const lines = signal<ChatLine[]>([]);
  const open = signal(false);
  const seen = signal(0);
  const unread = computed(() => (open.value ? 0 : lines.value.filter((l) => !l.mine).length - seen.value));
  let send: ((message: ToolMessage) => Promise<void>) | null = null;

  const markSeen = () => (seen.value = lines.value.filter((l) => !l.mine).length);

  return {
    lines,
    open,
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
      lines.value = [...lines.value, { id: message.id, text: message.text, at: message.at, mine: true }];
      return true;
    },
    receive(message: Extract<ToolMessage, { type: "chat" }>) {
      if (lines.value.some((l) => l.id === message.id)) return;
      lines.value = [...lines.value, { ...message, mine: false }];
      if (open.value) markSeen();
    },
  };
}

export type Chat = ReturnType<typeof createChat>;
