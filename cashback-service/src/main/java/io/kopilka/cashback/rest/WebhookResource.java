package io.kopilka.cashback.rest;

import io.kopilka.cashback.rest.ConversionDtos.ConversionAck;
import io.kopilka.cashback.rest.ConversionDtos.ConversionReport;
import io.kopilka.cashback.service.ConversionService;
import io.kopilka.cashback.service.ConversionService.Delivery;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Partners report purchases here (C4), signed per Standard Webhooks instead of a token; see
 * docs/partner-webhooks.md.
 */
@Path("/webhooks/v1/partners/{partnerId}/conversions")
@Tag(name = "Partner webhooks")
@PermitAll
@SecurityRequirements
public class WebhookResource {

  private final ConversionService conversions;

  public WebhookResource(ConversionService conversions) {
    this.conversions = conversions;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Report a purchase: PENDING, then APPROVED or DECLINED (final)",
      description =
          "Signed with the partner's secret: webhook-signature carries v1,<base64 HMAC-SHA256 of"
              + " webhook-id.webhook-timestamp.body>; the timestamp must be within 5 minutes."
              + " A redelivery of the same webhook-id is a no-op.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ConversionReport.class)))
  @APIResponse(responseCode = "200", description = "Applied, or already applied (redelivery)")
  @APIResponse(responseCode = "400", description = "Invalid body; see violations")
  @APIResponse(
      responseCode = "401",
      description = "Missing, wrong, stale or future-dated signature; nothing was written")
  @APIResponse(responseCode = "404", description = "No such partner")
  @APIResponse(
      responseCode = "409",
      description = "The order is already APPROVED or DECLINED (conversion.final)")
  @APIResponse(
      responseCode = "422",
      description =
          "Not attributable (attribution.unknown-click, attribution.other-partner,"
              + " attribution.before-click, attribution.click-expired) or another click than the"
              + " order's first report (conversion.click-mismatch)")
  public ConversionAck report(
      @PathParam("partnerId") String partnerId,
      @HeaderParam("webhook-id") String webhookId,
      @HeaderParam("webhook-timestamp") String timestamp,
      @HeaderParam("webhook-signature") String signature,
      @Schema(type = SchemaType.OBJECT, hidden = true) byte[] body)
      throws IOException {
    return conversions.receive(new Delivery(partnerId, webhookId, timestamp, signature, body));
  }
}
