import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { numberPairs } from "../../src/providers/index.ts";

const ZONE = /^[a-z]{2}(?:-[a-z]+)+-\d+[a-z]$/;

describe("Function: numberPairs (powercron local-cloud --ec2-capacity, --tencent-account-rate)", () => {
  it("reads name=number pairs", () => {
    expect(numberPairs("--ec2-capacity", "us-east-1a=3, us-east-1b=0", ZONE)).toEqual({
      "us-east-1a": 3,
      "us-east-1b": 0,
    });
  });

  it.each(["us-east-1a", "us-east-1a=", "us-east-1a=-1", "us-east-1a=x", "us-east-1=3", "us-east-1a=3=4"])(
    "refuses %s, naming the flag and the part",
    (raw) => {
      expect(() => numberPairs("--ec2-capacity", raw, ZONE)).toThrow(InvalidInputError);
      expect(() => numberPairs("--ec2-capacity", raw, ZONE)).toThrow(`--ec2-capacity: "${raw}"`);
    },
  );
});
