import type { ReadonlySignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { formatTime, t } from "../lib/i18n.ts";

/** What the panel shows and does: a session's chat (`state/chat.ts`). */
export interface ChatView {
  lines: ReadonlySignal<readonly { id: string; text: string; at: number; mine: boolean }[]>;
  open: ReadonlySignal<boolean>;
  unread: ReadonlySignal<number>;
  toggle(): void;
  say(text: string): Promise<boolean>;
}

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/** Text with its http(s) links clickable; everything else stays text (no HTML is interpreted). */
function Linkified({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_PATTERN).map((part, i) =>
        i % 2 === 1 ? <a key={i} href={part} target="_blank" rel="noopener noreferrer">{part}</a> : part
      )}
    </>
  );
}

/** The Chat button with its unread badge (and an `icon` where the button is one of a row of icons). */
export function ChatButton({ chat, icon }: { chat: ChatView; icon?: ComponentChildren }) {
  const unread = chat.unread.value;
  return (
    <button type="button" aria-expanded={chat.open.value} aria-controls="chat-panel" onClick={chat.toggle}>
      {icon}
      <span class="tool-label">{t("chat.open")}</span>
      {unread > 0 && (
        <span class="badge unread">
          {unread}
          <span class="visually-hidden">{t("chat.unread")}</span>
        </span>
      )}
    </button>
  );
}

/** The chat itself, shown while open: a log of messages, Message and Send. */
export function ChatBox({ chat, peer }: { chat: ChatView; peer: string }) {
  const [draft, setDraft] = useState("");
  const logRef = useRef<HTMLUListElement>(null);
  // The newest line in view: the log scrolls, never the page around it.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [chat.lines.value.length, chat.open.value]);
  return (
    <section id="chat-panel" class="chat-panel" hidden={!chat.open.value} aria-label={t("chat.open")}>
      <div role="log" aria-live="polite" aria-label={t("chat.open")}>
        <ul ref={logRef} class="chat-log">
          {chat.lines.value.length === 0 && <li class="muted">{t("chat.empty")}</li>}
          {chat.lines.value.map((line) => (
            <li key={line.id} class={line.mine ? "mine" : "theirs"}>
              <span class="chat-meta">{line.mine ? t("chat.you") : peer} · {formatTime(line.at)}</span>
              <span class="chat-text">
                <Linkified text={line.text} />
              </span>
            </li>
          ))}
        </ul>
      </div>
      <form
        class="chat-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await chat.say(draft)) setDraft("");
        }}
      >
        <label class="visually-hidden" for="chat-message">{t("chat.message")}</label>
        <input
          id="chat-message"
          value={draft}
          maxLength={2000}
          autoComplete="off"
          onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">{t("chat.send")}</button>
      </form>
    </section>
  );
}

/** The Chat button and, below it, the chat while open (the console's wide layout places the two apart). */
export function ChatPanel({ chat, peer, icon }: { chat: ChatView; peer: string; icon?: ComponentChildren }) {
  return (
    <div class="chat">
      <ChatButton chat={chat} icon={icon} />
      <ChatBox chat={chat} peer={peer} />
    </div>
  );
}
