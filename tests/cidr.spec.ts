import { expect } from "chai";
import { isPrivateCidr, parseCidr, cidrWithin } from "../config/cidr";

describe("config/cidr", () => {
    it("treats RFC 1918 and RFC 4193 ranges as private", () => {
        for (const c of [
            "10.0.0.0/8",
            "10.1.2.0/24",
            "172.16.0.0/12",
            "172.31.255.0/24",
            "192.168.1.1/32",
            "fd12:3456::/48",
            "fc00::/7",
        ]) {
            expect(isPrivateCidr(c), c).to.equal(true);
        }
    });

    it("treats the world, public ranges and ranges that merely overlap private space as public", () => {
        for (const c of [
            "0.0.0.0/0",
            "::/0",
            "8.8.8.0/24",
            "172.32.0.0/16",
            "10.0.0.0/7",
            "2001:db8::/32",
            "fe80::/10",
            "not-a-cidr",
            "10.0.0.0",
        ]) {
            expect(isPrivateCidr(c), c).to.equal(false);
        }
    });

    it("accepts a public-looking range inside the VPC's own CIDR", () => {
        expect(isPrivateCidr("100.64.1.0/24", ["100.64.0.0/16"])).to.equal(true);
        expect(isPrivateCidr("100.65.1.0/24", ["100.64.0.0/16"])).to.equal(false);
    });

    it("parses IPv6 shorthand", () => {
        expect(parseCidr("::/0")).to.deep.equal({ version: 6, base: 0n, prefix: 0 });
        expect(cidrWithin(parseCidr("fd00::1/128")!, parseCidr("fc00::/7")!)).to.equal(true);
        expect(parseCidr("1:2:3:4:5:6:7:8:9/64")).to.equal(undefined);
    });
});
