/**
 * Where a run's evidence goes, as the runner core sees it: a root holding one folder per run
 * (`<root>/<drill>/<run-id>/`). The core writes journal.json, report.md, report.html and the charts
 * through an EvidenceFolder and never asks whether it is a local directory (local-evidence.ts) or
 * an S3 prefix (aws/s3-evidence.ts). Readers (`drills history`, JUnit) go through the same store.
 */

/** One run's folder. */
export interface EvidenceFolder {
  /** Where it is, for people: a local path or `s3://bucket/prefix/<drill>/<run-id>`. */
  readonly location: string;
  /**
   * The shortest pause between two writes of the journal while the run goes, in ms: local
   * writes are cheap (200); each S3 write is a request that costs money and time (2000).
   */
  readonly journalEveryMs: number;
  /** Where one of its files is, for people. */
  locationOf(name: string): string;
  /** Writes (replaces) one file atomically: a reader sees the old text or the new, never a part. Rejects when it cannot. */
  write(name: string, text: string): Promise<void>;
  /** Reads one file; undefined when it does not exist. Rejects on other failures. */
  read(name: string): Promise<string | undefined>;
}

/** A run found under the root: its folder relative to the root (`<drill>/<run-id>`) and its journal's text. */
export interface StoredJournal {
  readonly relative: string;
  /** The journal's location, for messages. */
  readonly location: string;
  read(): Promise<string>;
}

/** The evidence root. */
export interface EvidenceStore {
  /** The root for people: a local path or `s3://bucket/prefix`. */
  readonly root: string;
  folder(drill: string, runId: string): EvidenceFolder;
  /** Every `<drill>/<run-id>/journal.json` under the root, sorted by relative path; an empty or missing root has none. */
  journals(): Promise<StoredJournal[]>;
  /** Writes a file at the root (index.html); resolves with its location. */
  writeAtRoot(name: string, text: string): Promise<string>;
  /** Creates a file at the root only if none is there (one atomic step); false when one was. */
  createAtRoot(name: string, text: string): Promise<boolean>;
  /** Reads a file at the root; undefined when there is none. */
  readAtRoot(name: string): Promise<string | undefined>;
  /** Removes a file at the root (nothing when there is none). */
  removeAtRoot(name: string): Promise<void>;
  /** True when the folders are not on this machine (JUnit then also goes into each run's folder). */
  readonly remote: boolean;
}
