package io.kopilka.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Lints the chart, renders it with both value sets and checks what a cluster would get. */
class ChartTest {

  private static final Set<String> SERVICES =
      Set.of("registration", "bonus", "cashback", "catalog", "gifting");

  /** The public paths of ARCHITECTURE.md for the services that exist. */
  private static final Set<String> PUBLIC_PATHS =
      Set.of(
          "/api/v1/auth",
          "/api/v1/members",
          "/api/v1/email-confirmations",
          "/api/v1/channels",
          "/api/v1/admin/registration",
          "/api/v1/accruals",
          "/api/v1/accounts",
          "/api/v1/admin/bonus",
          "/api/v1/offers",
          "/api/v1/clicks",
          "/webhooks/v1/partners",
          "/api/v1/conversions",
          "/api/v1/claims",
          "/api/v1/goals",
          "/api/v1/admin/cashback",
          "/api/v1/rewards",
          "/api/v1/redemptions",
          "/api/v1/admin/catalog",
          "/api/v1/gifts",
          "/api/v1/admin/gifting");

  @Test
  void shouldPassHelmLint() {
    LintResult lint = new Helm(Chart.DIR).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void shouldDeployEveryServiceThatExistsAndNoOther() {
    for (List<HasMetadata> objects : List.of(Chart.defaults(), Chart.production())) {
      assertThat(Chart.all(objects, Deployment.class))
          .extracting(d -> d.getMetadata().getName())
          .containsExactlyInAnyOrder(
              "kopilka-registration",
              "kopilka-bonus",
              "kopilka-cashback",
              "kopilka-catalog",
              "kopilka-gifting");
      assertThat(Chart.all(objects, io.fabric8.kubernetes.api.model.Service.class)).hasSize(5);
      assertThat(Chart.all(objects, PodDisruptionBudget.class)).hasSize(5);
      assertThat(Chart.all(objects, ServiceAccount.class))
          .hasSize(5)
          .allSatisfy(sa -> assertThat(sa.getAutomountServiceAccountToken()).isFalse());
    }
  }

  @Test
  void shouldGiveEveryContainerProbesResourcesAndALockedDownSecurityContext() {
    for (List<HasMetadata> objects : List.of(Chart.defaults(), Chart.production())) {
      for (Deployment deployment : Chart.all(objects, Deployment.class)) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        for (Container c : pod.getContainers()) {
          assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
          assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
          assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
          assertThat(List.of(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()))
              .allSatisfy(
                  p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
          assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
          assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
          assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
          assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
          assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
          assertThat(c.getImage()).doesNotEndWith(":latest").contains(":");
        }
        // the preStop pause plus Quarkus's shutdown timeout fit in the grace period
        var config = configMap(objects, deployment.getMetadata().getName());
        long shutdown =
            Long.parseLong(config.getData().get("QUARKUS_SHUTDOWN_TIMEOUT").replace("s", ""));
        List<String> preStop =
            pod.getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand();
        long pause = Long.parseLong(preStop.get(preStop.size() - 1).replace("sleep ", ""));
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(shutdown + pause);
        // the image's run-java.sh sizes the heap from this share of the memory limit
        assertThat(config.getData()).containsKey("JAVA_MAX_MEM_RATIO");
        // and takes the collector from here instead of its own ParallelGC settings
        assertThat(config.getData()).containsEntry("GC_CONTAINER_OPTIONS", "-XX:+UseSerialGC");
      }
    }
  }

  @Test
  void shouldExposeExactlyThePublicPaths() {
    for (List<HasMetadata> objects : List.of(Chart.defaults(), Chart.production())) {
      Ingress ingress = Chart.all(objects, Ingress.class).get(0);
      Set<String> paths =
          ingress.getSpec().getRules().stream()
              .flatMap(r -> r.getHttp().getPaths().stream())
              .map(HTTPIngressPath::getPath)
              .collect(Collectors.toSet());
      assertThat(paths).isEqualTo(PUBLIC_PATHS);
      assertThat(paths).noneMatch(p -> p.startsWith("/internal") || p.startsWith("/q"));
      List<HTTPIngressPath> rules =
          ingress.getSpec().getRules().stream()
              .flatMap(r -> r.getHttp().getPaths().stream())
              .toList();
      // each path once, and no path a prefix of another: whatever the controller's precedence,
      // a request can match one rule only (nothing shadows /webhooks/v1/partners, say)
      assertThat(rules).extracting(HTTPIngressPath::getPath).doesNotHaveDuplicates();
      assertThat(rules).allSatisfy(r -> assertThat(r.getPathType()).isEqualTo("Prefix"));
      for (String path : paths) {
        assertThat(paths)
            .as("paths that %s would shadow or be shadowed by", path)
            .filteredOn(other -> !other.equals(path))
            .noneMatch(other -> other.startsWith(path + "/") || path.startsWith(other + "/"));
      }
      // partners post their signed conversion reports without a JWT: the ingress passes them
      // straight to cashback (which checks the signature), with no authentication of its own
      assertThat(rules)
          .filteredOn(p -> p.getPath().startsWith("/webhooks"))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.getPath()).isEqualTo("/webhooks/v1/partners");
                assertThat(p.getBackend().getService().getName()).isEqualTo("kopilka-cashback");
                assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
              });
      assertThat(ingress.getMetadata().getAnnotations())
          .satisfiesAnyOf(
              a -> assertThat(a).isNullOrEmpty(),
              a -> assertThat(a.keySet()).noneMatch(k -> k.contains("auth")));
      assertThat(rules)
          .filteredOn(
              p ->
                  Set.of(
                          "/api/v1/offers",
                          "/api/v1/clicks",
                          "/api/v1/conversions",
                          "/api/v1/claims",
                          "/api/v1/goals",
                          "/api/v1/admin/cashback")
                      .contains(p.getPath()))
          .hasSize(6)
          .allSatisfy(
              p -> {
                assertThat(p.getBackend().getService().getName()).isEqualTo("kopilka-cashback");
                assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
              });
      // each public path goes to the API port of the service that owns it
      assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
          .filteredOn(
              p ->
                  Set.of("/api/v1/rewards", "/api/v1/redemptions", "/api/v1/admin/catalog")
                      .contains(p.getPath()))
          .hasSize(3)
          .allSatisfy(
              p -> {
                assertThat(p.getBackend().getService().getName()).isEqualTo("kopilka-catalog");
                assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
              });
      assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
          .filteredOn(p -> Set.of("/api/v1/gifts", "/api/v1/admin/gifting").contains(p.getPath()))
          .hasSize(2)
          .allSatisfy(
              p -> {
                assertThat(p.getBackend().getService().getName()).isEqualTo("kopilka-gifting");
                assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
              });
    }
  }

  @Test
  void shouldCoverEveryPodWithANetworkPolicy() {
    for (List<HasMetadata> objects : List.of(Chart.defaults(), Chart.production())) {
      List<NetworkPolicy> policies = Chart.all(objects, NetworkPolicy.class);
      for (Deployment deployment : Chart.all(objects, Deployment.class)) {
        Map<String, String> podLabels =
            deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(policies)
            .as(deployment.getMetadata().getName())
            .anySatisfy(
                p -> {
                  assertThat(podLabels)
                      .containsAllEntriesOf(p.getSpec().getPodSelector().getMatchLabels());
                  assertThat(p.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
                });
      }
    }
  }

  @Test
  void shouldLetEachServiceReachDnsItsDatabaseAndTheServicesItCallsOnly() {
    List<HasMetadata> objects = Chart.production();
    NetworkPolicy registration = policy(objects, "registration");
    String egress = Serialization.asYaml(registration.getSpec().getEgress());
    assertThat(egress).contains("k8s-app: \"kube-dns\"").contains("port: 53");
    // the database runs in the cluster in production: selected by namespace and pod
    assertThat(egress)
        .contains("kubernetes.io/metadata.name: \"db\"")
        .contains("port: 5432")
        .doesNotContain("10.0.0.10/32");
    assertThat(egress)
        .contains("app.kubernetes.io/name: \"bonus-service\"")
        .contains("app.kubernetes.io/name: \"catalog-service\"")
        .doesNotContain("gifting-service")
        .contains("port: 587");
    String bonusEgress = Serialization.asYaml(policy(objects, "bonus").getSpec().getEgress());
    assertThat(bonusEgress)
        .contains("app.kubernetes.io/name: \"registration-service\"")
        .doesNotContain("port: 587")
        .doesNotContain("0.0.0.0/0");
    assertThat(Serialization.asYaml(registration.getSpec().getIngress()))
        .contains("kubernetes.io/metadata.name: \"ingress-nginx\"")
        .contains("app.kubernetes.io/part-of: \"kopilka\"");
    // the scraper reaches the management port only
    assertThat(registration.getSpec().getIngress())
        .filteredOn(rule -> Serialization.asYaml(rule).contains("\"monitoring\""))
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getPorts())
                    .extracting(port -> port.getPort().getStrVal())
                    .containsExactly("management"));
    // catalog reaches the services it calls and its providers outside the cluster
    String catalogEgress = Serialization.asYaml(policy(objects, "catalog").getSpec().getEgress());
    assertThat(catalogEgress)
        .contains("app.kubernetes.io/name: \"bonus-service\"")
        .contains("app.kubernetes.io/name: \"registration-service\"")
        .contains("0.0.0.0/0")
        .doesNotContain("gifting-service");
    // registration's calls reach catalog: catalog takes /internal traffic from the suite's pods
    assertThat(Serialization.asYaml(policy(objects, "catalog").getSpec().getIngress()))
        .contains("kubernetes.io/metadata.name: \"ingress-nginx\"")
        .contains("app.kubernetes.io/part-of: \"kopilka\"");
    // cashback reaches the services it calls and its provider outside the cluster (the billing
    // gateway), like catalog
    String cashbackEgress = Serialization.asYaml(policy(objects, "cashback").getSpec().getEgress());
    assertThat(cashbackEgress)
        .contains("app.kubernetes.io/name: \"bonus-service\"")
        .contains("app.kubernetes.io/name: \"registration-service\"")
        .contains("0.0.0.0/0")
        .doesNotContain("gifting-service")
        .doesNotContain("catalog-service");
    // gifting and cashback reach bonus and registration on their API port; gifting nothing
    // outside the cluster, cashback the billing gateway only through externalEgress (partners
    // call cashback, never the reverse)
    for (List<HasMetadata> valueSet : List.of(Chart.defaults(), Chart.production())) {
      for (String service : List.of("gifting", "cashback")) {
        boolean externalEgress = service.equals("cashback");
        List<NetworkPolicyEgressRule> rules = policy(valueSet, service).getSpec().getEgress();
        assertThat(rules)
            .filteredOn(rule -> Serialization.asYaml(rule).contains("-service\""))
            .singleElement()
            .satisfies(
                rule -> {
                  assertThat(rule.getTo())
                      .extracting(peer -> peer.getPodSelector().getMatchLabels())
                      .extracting(labels -> labels.get("app.kubernetes.io/name"))
                      .containsExactlyInAnyOrder("bonus-service", "registration-service");
                  assertThat(rule.getPorts())
                      .extracting(port -> port.getPort().getIntVal())
                      .containsExactly(8080);
                });
        // no ipBlock except the database's own address (an external server in the defaults)
        // and, for cashback, externalEgress's
        assertThat(rules)
            .flatExtracting(NetworkPolicyEgressRule::getTo)
            .filteredOn(peer -> peer.getIpBlock() != null)
            .extracting(peer -> peer.getIpBlock().getCidr())
            .allSatisfy(
                cidr ->
                    assertThat(cidr)
                        .isIn(
                            externalEgress
                                ? List.of("10.0.0.10/32", "0.0.0.0/0")
                                : List.of("10.0.0.10/32")));
        List<NetworkPolicyEgressRule> outside =
            rules.stream()
                .filter(rule -> Serialization.asYaml(rule).contains("0.0.0.0/0"))
                .toList();
        if (externalEgress) {
          // exactly externalEgress: the internet outside the private ranges, on its ports
          assertThat(outside)
              .singleElement()
              .satisfies(
                  rule -> {
                    assertThat(rule.getTo())
                        .singleElement()
                        .satisfies(
                            peer -> {
                              assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
                              assertThat(peer.getIpBlock().getExcept())
                                  .containsExactlyInAnyOrder(
                                      "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
                            });
                    assertThat(rule.getPorts())
                        .extracting(port -> port.getPort().getIntVal())
                        .containsExactlyInAnyOrder(443, 465, 587);
                  });
          // no rule of its own for a mail server: it sends no mail
          assertThat(rules)
              .filteredOn(rule -> !outside.contains(rule))
              .extracting(Serialization::asYaml)
              .noneMatch(yaml -> yaml.contains("port: 587"));
        } else {
          assertThat(outside).isEmpty();
          assertThat(Serialization.asYaml(rules))
              .doesNotContain("0.0.0.0/0")
              .doesNotContain("port: 443")
              .doesNotContain("port: 587");
        }
        assertThat(Serialization.asYaml(rules)).doesNotContain("catalog-service");
        // every rule names its destinations: no rule open to any address
        assertThat(rules).allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
        // members and partners reach it through the ingress controller, /internal the suite
        assertThat(Serialization.asYaml(policy(valueSet, service).getSpec().getIngress()))
            .contains("kubernetes.io/metadata.name: \"ingress-nginx\"")
            .contains("app.kubernetes.io/part-of: \"kopilka\"");
      }
    }
    // the default values name an external server by address
    assertThat(Serialization.asYaml(policy(Chart.defaults(), "bonus").getSpec().getEgress()))
        .contains("10.0.0.10/32");
  }

  @Test
  void shouldWireTheSmsProviderAndTheMailServerIntoRegistration() {
    List<HasMetadata> objects = Chart.production();
    List<EnvVar> env =
        deployment(objects, "registration")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv();
    assertThat(env)
        .filteredOn(e -> e.getName().startsWith("KOPILKA_SMS_GATEWAY_"))
        .extracting(e -> e.getValueFrom().getSecretKeyRef().getName())
        .containsExactly("kopilka-sms-gateway", "kopilka-sms-gateway");
    assertThat(configMap(objects, "kopilka-registration").getData())
        .containsEntry("QUARKUS_MAILER_HOST", "smtp.operator.example")
        .containsKey("KOPILKA_REGISTRATION_EMAIL_FROM");
    assertThat(configMap(objects, "kopilka-bonus").getData())
        .doesNotContainKey("QUARKUS_MAILER_HOST");
  }

  @Test
  void shouldWireTheCertificateKeyAndTheProvisioningGatewayIntoCatalog() {
    for (List<HasMetadata> objects : List.of(Chart.defaults(), Chart.production())) {
      List<EnvVar> env =
          deployment(objects, "catalog")
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getEnv();
      assertThat(env)
          .filteredOn(e -> e.getName().equals("KOPILKA_CERTIFICATE_KEY"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getValue()).isNull();
                assertThat(e.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("kopilka-catalog-certificates");
                assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("key");
                assertThat(e.getValueFrom().getSecretKeyRef().getOptional()).isNull();
              });
      assertThat(env)
          .filteredOn(e -> e.getName().startsWith("KOPILKA_PROVISIONING_"))
          .extracting(
              EnvVar::getName,
              e -> e.getValueFrom().getSecretKeyRef().getName(),
              e -> e.getValueFrom().getSecretKeyRef().getKey())
          .containsExactlyInAnyOrder(
              tuple("KOPILKA_PROVISIONING_URL", "kopilka-provisioning-gateway", "url"),
              tuple(
                  "KOPILKA_PROVISIONING_AUTHORIZATION",
                  "kopilka-provisioning-gateway",
                  "authorization"));
      // catalog neither sends mail nor SMS itself: registration delivers its messages
      assertThat(env)
          .extracting(EnvVar::getName)
          .noneMatch(n -> n.startsWith("KOPILKA_SMS_GATEWAY_") || n.startsWith("QUARKUS_MAILER_"));
      // the other services never see catalog's secrets
      for (String service : List.of("registration", "bonus", "cashback", "gifting")) {
        assertThat(
                deployment(objects, service)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getEnv())
            .extracting(EnvVar::getName)
            .doesNotContain(
                "KOPILKA_CERTIFICATE_KEY",
                "KOPILKA_PROVISIONING_URL",
                "KOPILKA_PROVISIONING_AUTHORIZATION");
      }
      // the URLs of the services it calls, and registration's URL of catalog
      assertThat(configMap(objects, "kopilka-catalog").getData())
          .containsEntry("KOPILKA_BONUS_URL", "http://kopilka-bonus")
          .containsEntry("KOPILKA_REGISTRATION_URL", "http://kopilka-registration")
          .containsEntry("QUARKUS_HTTP_PORT", "8080")
          .containsEntry("QUARKUS_MANAGEMENT_PORT", "9000")
          .doesNotContainKey("QUARKUS_MAILER_HOST");
      assertThat(configMap(objects, "kopilka-registration").getData())
          .containsEntry("KOPILKA_CATALOG_URL", "http://kopilka-catalog");
      // the same JWT keys as every service
      var pod = deployment(objects, "catalog").getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes())
          .filteredOn(v -> v.getName().equals("jwt"))
          .singleElement()
          .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("kopilka-jwt"));
      assertThat(pod.getContainers().get(0).getImage())
          .isEqualTo("registry.example.com/kopilka/catalog-service:1.0.0");
    }
  }

  @Test
  void shouldWireTheBillingGatewayIntoCashback() {
    for (List<HasMetadata> objects : List.of(Chart.defaults(), Chart.production())) {
      List<EnvVar> env =
          deployment(objects, "cashback")
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getEnv();
      assertThat(env)
          .filteredOn(e -> e.getName().startsWith("KOPILKA_BILLING_"))
          .allSatisfy(
              e -> {
                assertThat(e.getValue()).isNull();
                assertThat(e.getValueFrom().getSecretKeyRef().getOptional()).isNull();
              })
          .extracting(
              EnvVar::getName,
              e -> e.getValueFrom().getSecretKeyRef().getName(),
              e -> e.getValueFrom().getSecretKeyRef().getKey())
          .containsExactlyInAnyOrder(
              tuple("KOPILKA_BILLING_URL", "kopilka-billing-gateway", "url"),
              tuple("KOPILKA_BILLING_AUTHORIZATION", "kopilka-billing-gateway", "authorization"));
      // cashback neither sends mail nor SMS itself: registration delivers its messages
      assertThat(env)
          .extracting(EnvVar::getName)
          .noneMatch(n -> n.startsWith("KOPILKA_SMS_GATEWAY_") || n.startsWith("QUARKUS_MAILER_"));
      // the gateway's URL is a secret, never in the ConfigMap
      assertThat(configMap(objects, "kopilka-cashback").getData())
          .doesNotContainKeys("KOPILKA_BILLING_URL", "KOPILKA_BILLING_AUTHORIZATION");
      // the other services never see cashback's secrets
      for (String service : List.of("registration", "bonus", "catalog", "gifting")) {
        assertThat(
                deployment(objects, service)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getEnv())
            .extracting(EnvVar::getName)
            .doesNotContain("KOPILKA_BILLING_URL", "KOPILKA_BILLING_AUTHORIZATION");
      }
    }
  }

  @Test
  void shouldWireBonusAndRegistrationIntoGiftingAndCashbackAndNoOtherSecretButTheBillingGateway() {
    for (List<HasMetadata> objects : List.of(Chart.defaults(), Chart.production())) {
      for (String service : List.of("gifting", "cashback")) {
        // KOPILKA_BONUS_URL and KOPILKA_REGISTRATION_URL: their REST clients and outbox
        // destinations (application.properties)
        assertThat(configMap(objects, "kopilka-" + service).getData())
            .containsEntry("KOPILKA_BONUS_URL", "http://kopilka-bonus")
            .containsEntry("KOPILKA_REGISTRATION_URL", "http://kopilka-registration")
            .containsEntry("QUARKUS_HTTP_PORT", "8080")
            .containsEntry("QUARKUS_MANAGEMENT_PORT", "9000")
            .containsEntry("KOPILKA_JWT_PUBLIC_KEY", "/etc/kopilka/jwt/public.pem")
            .containsEntry("KOPILKA_JWT_PRIVATE_KEY", "/etc/kopilka/jwt/private.pem")
            .doesNotContainKeys("KOPILKA_CATALOG_URL", "KOPILKA_CASHBACK_URL")
            .doesNotContainKey("QUARKUS_MAILER_HOST");
        var pod = deployment(objects, service).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        // its database user is the only Secret in gifting's environment; cashback adds the
        // billing gateway's
        List<Tuple> secrets =
            new ArrayList<>(
                List.of(
                    tuple("QUARKUS_DATASOURCE_USERNAME", "kopilka-db-" + service, "username"),
                    tuple("QUARKUS_DATASOURCE_PASSWORD", "kopilka-db-" + service, "password")));
        if (service.equals("cashback")) {
          secrets.add(tuple("KOPILKA_BILLING_URL", "kopilka-billing-gateway", "url"));
          secrets.add(
              tuple("KOPILKA_BILLING_AUTHORIZATION", "kopilka-billing-gateway", "authorization"));
        }
        assertThat(container.getEnv())
            .extracting(
                EnvVar::getName,
                e -> e.getValueFrom().getSecretKeyRef().getName(),
                e -> e.getValueFrom().getSecretKeyRef().getKey())
            .containsExactlyInAnyOrderElementsOf(secrets);
        // the same JWT keys as every service
        assertThat(pod.getVolumes())
            .filteredOn(v -> v.getSecret() != null)
            .singleElement()
            .satisfies(
                v -> {
                  assertThat(v.getName()).isEqualTo("jwt");
                  assertThat(v.getSecret().getSecretName()).isEqualTo("kopilka-jwt");
                });
        assertThat(container.getPorts())
            .extracting(p -> p.getName(), p -> p.getContainerPort())
            .containsExactlyInAnyOrder(tuple("http", 8080), tuple("management", 9000));
        assertThat(container.getImage())
            .isEqualTo("registry.example.com/kopilka/" + service + "-service:1.0.0");
        assertThat(pod.getServiceAccountName()).isEqualTo("kopilka-" + service);
      }
    }
  }

  @Test
  void shouldGiveEachServiceItsOwnDatabaseAndCredentials() {
    List<HasMetadata> objects = Chart.production();
    for (String service : SERVICES) {
      Deployment deployment = deployment(objects, service);
      List<EnvVar> env =
          deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
      assertThat(env)
          .extracting(EnvVar::getName)
          .contains("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
      assertThat(env)
          .filteredOn(e -> e.getName().startsWith("QUARKUS_DATASOURCE_"))
          .allSatisfy(
              e ->
                  assertThat(e.getValueFrom().getSecretKeyRef().getName())
                      .isEqualTo("kopilka-db-" + service));
      var config =
          Chart.all(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
              .filter(c -> c.getMetadata().getName().equals("kopilka-" + service))
              .findFirst()
              .orElseThrow();
      assertThat(config.getData().get("QUARKUS_DATASOURCE_JDBC_URL")).endsWith("/" + service);
    }
  }

  @Test
  void shouldRunTwoReplicasOrMoreWithAutoscalingInProduction() {
    List<HasMetadata> objects = Chart.production();
    assertThat(Chart.all(objects, HorizontalPodAutoscaler.class))
        .hasSize(5)
        .allSatisfy(h -> assertThat(h.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2));
    assertThat(Chart.all(Chart.defaults(), HorizontalPodAutoscaler.class)).isEmpty();
  }

  @Test
  void shouldShowChangedValuesWhereTheyBelong() {
    List<HasMetadata> objects =
        Chart.render(
            List.of(),
            Map.of(
                "defaults.replicas",
                3,
                "ingress.host",
                "loyalty.test",
                "image.tag",
                "2.1.0",
                "services.cashback.enabled",
                false));
    // a service switched off leaves no object behind and no path routed to it
    assertThat(Chart.all(objects, Deployment.class))
        .hasSize(4)
        .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(3))
        .allSatisfy(
            d ->
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .endsWith(":2.1.0"));
    assertThat(Chart.all(objects, Ingress.class).get(0).getSpec().getRules().get(0).getHost())
        .isEqualTo("loyalty.test");
    assertThat(
            Chart.all(objects, Ingress.class)
                .get(0)
                .getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths())
        .extracting(HTTPIngressPath::getPath)
        .doesNotContain("/api/v1/offers", "/webhooks/v1/partners", "/api/v1/admin/cashback")
        .contains("/api/v1/gifts", "/api/v1/rewards");
    assertThat(objects)
        .extracting(o -> o.getMetadata().getName())
        .noneMatch(name -> name.contains("cashback"));
    assertThat(Serialization.asYaml(objects)).doesNotContain("cashback");
  }

  @Test
  void shouldCreateACloudNativePgClusterWithADatabaseAndRolePerServiceOnRequest() {
    List<HasMetadata> objects =
        Chart.render(List.of(Chart.PRODUCTION), Map.of("database.cloudnativePg.enabled", true));
    List<GenericKubernetesResource> cnpg = Chart.all(objects, GenericKubernetesResource.class);
    assertThat(cnpg).filteredOn(r -> r.getKind().equals("Cluster")).hasSize(1);
    assertThat(cnpg)
        .filteredOn(r -> r.getKind().equals("Database"))
        .extracting(r -> (String) r.get("spec", "name"))
        .containsExactlyInAnyOrder("registration", "bonus", "cashback", "catalog", "gifting");
    GenericKubernetesResource cluster =
        cnpg.stream().filter(r -> r.getKind().equals("Cluster")).findFirst().orElseThrow();
    assertThat((Object) cluster.get("spec", "postgresql")).isNull(); // the operator's defaults
    List<Map<String, Object>> roles = cluster.get("spec", "managed", "roles");
    assertThat(roles)
        .extracting(r -> r.get("name"))
        .containsExactlyInAnyOrder("registration", "bonus", "cashback", "catalog", "gifting");
    var config =
        Chart.all(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals("kopilka-bonus"))
            .findFirst()
            .orElseThrow();
    assertThat(config.getData().get("QUARKUS_DATASOURCE_JDBC_URL"))
        .isEqualTo("jdbc:postgresql://kopilka-db-rw:5432/bonus");
    assertThat(Chart.all(Chart.production(), GenericKubernetesResource.class)).isEmpty();
  }

  @Test
  void shouldPassPostgreSqlSettingsToTheCloudNativePgCluster() {
    List<HasMetadata> objects =
        Chart.render(
            List.of(Chart.PRODUCTION),
            Map.of(
                "database.cloudnativePg.enabled", true,
                "database.cloudnativePg.parameters.shared_buffers", "2GB",
                "database.cloudnativePg.parameters.max_wal_size", "8GB"));
    GenericKubernetesResource cluster =
        Chart.all(objects, GenericKubernetesResource.class).stream()
            .filter(r -> r.getKind().equals("Cluster"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> parameters = cluster.get("spec", "postgresql", "parameters");
    assertThat(parameters)
        .containsOnly(entry("shared_buffers", "2GB"), entry("max_wal_size", "8GB"));
  }

  private static NetworkPolicy policy(List<HasMetadata> objects, String service) {
    return Chart.all(objects, NetworkPolicy.class).stream()
        .filter(p -> p.getMetadata().getName().equals("kopilka-" + service))
        .findFirst()
        .orElseThrow();
  }

  private static io.fabric8.kubernetes.api.model.ConfigMap configMap(
      List<HasMetadata> objects, String name) {
    return Chart.all(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Deployment deployment(List<HasMetadata> objects, String service) {
    return Chart.all(objects, Deployment.class).stream()
        .filter(d -> d.getMetadata().getName().equals("kopilka-" + service))
        .findFirst()
        .orElseThrow();
  }
}
