import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";
new PolicyPack("parity-node", { policies });
