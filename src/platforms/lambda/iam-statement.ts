/** The IAM policy statements the Lambda deploy writes into its template. Types only: imports nothing back. */

/** A CloudFormation string with `${AWS::Partition}`-style references. */
export interface FnSub {
  "Fn::Sub": string;
}

export interface IamStatement {
  Effect: "Allow";
  Action: string[];
  Resource: string | FnSub | (string | FnSub)[];
  Condition?: Record<string, Record<string, string | string[] | FnSub>>;
}
