import { XMLBuilder } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { toXml } from "../../src/local-cloud/aws/xml-writer.ts";

/** The builder the local cloud's EC2 answers were written with before, with its options then. */
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true });

const instance = (id: string) => ({
  instanceId: id,
  imageId: "ami-0123456789abcdef0",
  instanceState: { code: 16, name: "running" },
  placement: { availabilityZone: "us-east-1a", tenancy: "default" },
  tagSet: { item: [{ key: "env", value: `a&b<c>"d'` }] },
  hibernationOptions: { configured: false },
  stateReason: undefined,
});

describe("Function: toXml", () => {
  it.each([
    {
      name: "a DescribeInstances page",
      document: {
        DescribeInstancesResponse: {
          "@_xmlns": "http://ec2.amazonaws.com/doc/2016-11-15/",
          requestId: "req-1",
          reservationSet: {
            item: [{ reservationId: "r-1", instancesSet: { item: [instance("i-1"), instance("i-2")] } }],
          },
          nextToken: "eyJvZmZzZXQiOjEwMDB9",
        },
      },
    },
    {
      name: "a StopInstances answer with no instance",
      document: { StopInstancesResponse: { "@_xmlns": "n", requestId: "r", instancesSet: { item: [] } } },
    },
    {
      name: "an error",
      document: { Response: { Errors: { Error: { Code: "Bad", Message: "m <x> & y" } }, RequestID: "id" } },
    },
    {
      name: "empty, zero, false, null and repeated values",
      document: { R: { a: { item: [] }, b: {}, c: 0, d: true, e: [1, 2], f: null, g: "", h: undefined } },
    },
  ])("writes $name as the XML builder did", ({ document }) => {
    expect(toXml(document)).toBe(builder.build(document));
  });
});
