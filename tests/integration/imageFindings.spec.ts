import { expect } from "chai";
import { execFileSync } from "child_process";
import {
    criticalScanPattern,
    TOPIC_OWNER_ACTIONS,
} from "../../components/monitoring/imageFindings";
import { PYTHON } from "../toolchain";

/**
 * The image-findings alert against moto: its event pattern through moto's EventBridge matcher, on
 * the scan event AWS documents (Amazon ECR User Guide, "Amazon ECR events and EventBridge"), and its
 * topic owner statement against the default policy moto gives a new SNS topic, which the alarms
 * rely on to publish.
 */

const SCAN_EVENT = {
    version: "0",
    id: "85fc3613-e913-7fc4-a80c-a3753e4aa9ae",
    "detail-type": "ECR Image Scan",
    source: "aws.ecr",
    account: "123456789012",
    time: "2019-10-29T02:36:48Z",
    region: "us-east-1",
    resources: ["arn:aws:ecr:us-east-1:123456789012:repository/node-repo-0a1b2c3"],
    detail: {
        "scan-status": "COMPLETE",
        "repository-name": "node-repo-0a1b2c3",
        "finding-severity-counts": { CRITICAL: 10, MEDIUM: 9 },
        "image-digest": `sha256:${"7f".repeat(32)}`,
        "image-tags": [],
    },
};

function moto(pattern: object, events: object[]): { matches: boolean[]; defaultPolicy: any } {
    const script = [
        "import json, sys, boto3",
        "from moto import mock_aws",
        "from moto.events.models import EventPattern",
        "pattern = EventPattern.load(sys.argv[1])",
        "matches = [pattern.matches_event(e) for e in json.loads(sys.argv[2])]",
        "with mock_aws():",
        "    sns = boto3.client('sns', region_name='us-east-1')",
        "    arn = sns.create_topic(Name='alerts')['TopicArn']",
        "    policy = json.loads(sns.get_topic_attributes(TopicArn=arn)['Attributes']['Policy'])",
        "print(json.dumps({'matches': matches, 'defaultPolicy': policy}))",
    ].join("\n");
    return JSON.parse(
        execFileSync(PYTHON, ["-c", script, JSON.stringify(pattern), JSON.stringify(events)], {
            encoding: "utf8",
        }),
    );
}

describe("the image-findings alert against moto", () => {
    const variant = (detail: object) => ({
        ...SCAN_EVENT,
        detail: { ...SCAN_EVENT.detail, ...detail },
    });
    let result: ReturnType<typeof moto>;
    before(() => {
        result = moto(criticalScanPattern("node-repo-0a1b2c3"), [
            SCAN_EVENT,
            variant({ "finding-severity-counts": { HIGH: 3, MEDIUM: 9 } }),
            variant({ "repository-name": "someone-elses-repo" }),
            variant({ "scan-status": "FAILED" }),
            variant({ "finding-severity-counts": { CRITICAL: 0 } }),
        ]);
    });

    it("matches a finished scan of this repository with a critical finding, and nothing else", () => {
        expect(result.matches).to.deep.equal([true, false, false, false, false]);
    });

    it("keeps the topic owner's statement exactly as SNS's default policy grants it", () => {
        const [statement] = result.defaultPolicy.Statement;
        expect(statement.Principal).to.deep.equal({ AWS: "*" });
        expect(statement.Action).to.have.members(TOPIC_OWNER_ACTIONS);
        expect(Object.keys(statement.Condition.StringEquals)).to.deep.equal(["AWS:SourceOwner"]);
    });
});
