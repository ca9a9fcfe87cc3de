/** The `powercron local-cloud` flags of EC2: how many instances each zone can still start. */
import { type LocalCloudFlag, numberPairs } from "../local-cloud-flags.ts";

const ZONE = /^[a-z]{2}(?:-[a-z]+)+-\d+[a-z]$/;

export const AWS_LOCAL_CLOUD_FLAGS: readonly LocalCloudFlag[] = [
  {
    flag: "--ec2-capacity <zones>",
    description: 'EC2 instances each zone can still start, e.g. "us-east-1a=3,us-east-1b=0"',
    options: (raw) => ({ ec2ZoneCapacity: numberPairs("--ec2-capacity", raw, ZONE, "us-east-1a=3") }),
  },
];
