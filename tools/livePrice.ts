import { PricingClient, GetProductsCommand } from "@aws-sdk/client-pricing";
import { PlanError } from "../domain/plan";

/** On-demand Linux price of an instance type from the AWS Price List API (served from us-east-1). */
export async function livePrice(
    client: PricingClient,
    region: string,
    instanceType: string,
): Promise<number> {
    const filter = (Field: string, Value: string) => ({
        Type: "TERM_MATCH" as const,
        Field,
        Value,
    });
    const out = await client.send(
        new GetProductsCommand({
            ServiceCode: "AmazonEC2",
            Filters: [
                filter("instanceType", instanceType),
                filter("regionCode", region),
                filter("operatingSystem", "Linux"),
                filter("tenancy", "Shared"),
                filter("preInstalledSw", "NA"),
                filter("capacitystatus", "Used"),
            ],
            MaxResults: 1,
        }),
    );
    const product = out.PriceList?.[0];
    if (!product) {
        throw new PlanError(
            `the Price List API has no on-demand Linux price for ${instanceType} in ${region}`,
        );
    }
    const terms = (
        JSON.parse(product as string) as {
            terms: {
                OnDemand: Record<
                    string,
                    { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }
                >;
            };
        }
    ).terms.OnDemand;
    const term = Object.values(terms)[0];
    const dimension = term && Object.values(term.priceDimensions)[0];
    if (dimension === undefined) {
        throw new Error("the Price List API returned no on-demand price dimension");
    }
    return Number(dimension.pricePerUnit.USD);
}
