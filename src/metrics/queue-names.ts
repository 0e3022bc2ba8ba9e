// The queues foureyes runs, as label values; any other name is "other".

export const QUEUE_NAMES = ["review", "command", "report"] as const;
