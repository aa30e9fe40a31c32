/**
 * Discord's limits, as named constants (checked against Discord's API docs; see shared/notes/discord.md).
 * Text limits count characters (code points), not UTF-16 units: an emoji counts once.
 * Exceeding any of them makes Discord answer 400 (code 50035, "Invalid Form Body").
 */
export const LIMITS = {
  /** Message content. */
  content: 2000,
  /** Embeds per message. */
  embeds: 10,
  /** All embed text of one message together: titles, descriptions, field names and values, footers, author names. */
  embedTotal: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Action rows per message. */
  actionRows: 5,
  /** Buttons per action row. */
  buttonsPerRow: 5,
  buttonLabel: 80,
  /** `custom_id` of a component (unique within a message). */
  customId: 100,
  /** Choices in one autocomplete answer. */
  autocompleteChoices: 25,
  /** Name of an autocomplete choice (at least 1). */
  choiceName: 100,
  /** String value of an autocomplete choice. */
  choiceValue: 100,
  /** Thread (and forum post) name: 1 to 100. */
  threadName: 100,
  /** Slash command and option names: 1 to 32, lowercase. */
  commandName: 32,
  /** Slash command and option descriptions: 1 to 100. */
  commandDescription: 100,
  commandOptions: 25,
} as const;

/** Seconds an interaction may wait for its first acknowledgement before Discord gives up on it. */
export const ACK_WINDOW_SECONDS = 3;
