import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/**
 * A consumer stack: a service in the node's VPC that calls its RPC. It reads the node stack's
 * outputs, attaches the node's access security group and passes the RPC URL to its code.
 *   pulumi config set nodeStack organization/parity-mainnet/mainnet
 */
const config = new pulumi.Config();
const node = new pulumi.StackReference(config.require("nodeStack"));

const accessSecurityGroupId = node.requireOutput("accessSecurityGroupId") as pulumi.Output<string>;
const rpcUrl = node.requireOutput("rpcUrl") as pulumi.Output<string>;

const role = new aws.iam.Role("indexer", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});
new aws.iam.RolePolicyAttachment("indexer-vpc", {
    role: role.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
});

export const indexer = new aws.lambda.Function("indexer", {
    runtime: "nodejs22.x",
    handler: "index.handler",
    role: role.arn,
    code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(
            `exports.handler = async () => (await fetch(process.env.RPC_URL, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }) })).json();`,
        ),
    }),
    // Membership in the access group is what lets this function reach 8545.
    vpcConfig: {
        subnetIds: config.requireObject<string[]>("subnetIds"),
        securityGroupIds: [accessSecurityGroupId],
    },
    environment: { variables: { RPC_URL: rpcUrl } },
}).name;
