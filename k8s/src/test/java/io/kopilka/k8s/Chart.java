package io.kopilka.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The chart rendered by Helm (running inside the JVM) and parsed into the Kubernetes model. */
final class Chart {

  static final Path DIR = Path.of("kopilka");
  static final Path PRODUCTION = DIR.resolve("values-production.yaml");
  static final String RELEASE = "kopilka";

  private Chart() {}

  /** Renders with the default values, the given values files and {@code --set} pairs. */
  static List<HasMetadata> render(List<Path> valuesFiles, Map<String, Object> set) {
    TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace("kopilka");
    valuesFiles.forEach(template::withValuesFile);
    set.forEach(template::set);
    return parse(template.call());
  }

  static List<HasMetadata> defaults() {
    return render(List.of(), Map.of());
  }

  static List<HasMetadata> production() {
    return render(List.of(PRODUCTION), Map.of());
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static List<HasMetadata> parse(String yaml) {
    return Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
        .map(doc -> (HasMetadata) Serialization.unmarshal(doc))
        .toList();
  }
}
