/** The CAM policy documents the SCF deploy and `npm run infra` write. Types only: imports nothing back. */
export interface CamStatement {
  effect: "allow";
  action: string[];
  resource?: string[];
  condition?: Record<string, Record<string, string[]>>;
  principal?: { service?: string[]; qcs?: string[] };
}

export interface CamPolicy {
  version: "2.0";
  statement: CamStatement[];
}
