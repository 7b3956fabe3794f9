import { expect } from "chai";
import { isNotFound, lookupError } from "../domain/awsLookups";
import { registered, runFailingProgram } from "./helpers";

/** A lookup AWS cannot answer is reported as what it is, never as "no such thing". */
describe("pre-flight lookups that fail", () => {
    // The provider's own words (terraform-provider-aws errors wrap the SDK's "api error CODE: text").
    const throttled =
        "reading EC2 Instance Type (c7i.4xlarge): operation error EC2: DescribeInstanceTypes, exceeded maximum number of attempts, 25, https response error StatusCode: 503, RequestID: 1, api error RequestLimitExceeded: Request limit exceeded.";
    const expired =
        "operation error EC2: DescribeSnapshots, https response error StatusCode: 400, RequestID: 2, api error ExpiredToken: The security token included in the request is expired";

    it("tells a missing type, snapshot, subnet or volume from every other failure", () => {
        for (const missing of [
            "reading EC2 Instance Type (x9.huge): operation error EC2: DescribeInstanceTypes, https response error StatusCode: 400, RequestID: 3, api error InvalidInstanceType: The following supplied instance types do not exist: [x9.huge]",
            "no matching EC2 Subnet found",
            "no matching EC2 EBS Snapshot found",
            "InvalidVolume.NotFound: vol-0123",
        ]) {
            expect(isNotFound(new Error(missing)), missing).to.equal(true);
        }
        for (const other of [
            throttled,
            expired,
            "dial tcp: lookup ec2.us-east-1.amazonaws.com: i/o timeout",
        ]) {
            expect(isNotFound(new Error(other)), other).to.equal(false);
        }
    });

    it("names the lookup and AWS's error code", () => {
        expect(lookupError("instance type c7i.4xlarge", new Error(throttled)).message).to.equal(
            "AWS could not answer the pre-flight's lookup of instance type c7i.4xlarge (RequestLimitExceeded: Request limit exceeded.); nothing was changed. This is not a config problem: check the credentials and network, then run pulumi preview again",
        );
        expect(lookupError("snapshot snap-1", new Error(expired)).message).to.contain(
            "(ExpiredToken: The security token included in the request is expired)",
        );
    });

    it("stops the preview with that error, not a config problem, before anything is created", async () => {
        const { message, world } = await runFailingProgram(
            {},
            { failingCalls: { "aws:ec2/getInstanceType:getInstanceType": throttled } },
        );
        expect(message).to.match(
            /^AWS could not answer the pre-flight's lookup of instance type \S+ \(RequestLimitExceeded/,
        );
        expect(message).to.not.contain("is not an EC2 instance type");
        expect(registered(world)).to.deep.equal([]);
    });
});
