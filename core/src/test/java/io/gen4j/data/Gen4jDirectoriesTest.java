package io.gen4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class Gen4jDirectoriesTest {

  private static final String USER_HOME = "/home/someone";

  /** System properties: the user's home plus the given entries. */
  private static UnaryOperator<String> properties(Map<String, String> entries) {
    return key -> key.equals("user.home") ? USER_HOME : entries.get(key);
  }

  private static UnaryOperator<String> environment(Map<String, String> entries) {
    return entries::get;
  }

  @Test
  void homeIsThePropertyElseTheVariableElseADotFolderInTheUsersHome() {
    assertThat(Gen4jDirectories.home(properties(Map.of()), environment(Map.of())))
        .isEqualTo(Path.of(USER_HOME, ".gen4j"));
    assertThat(Gen4jDirectories.home(properties(Map.of()), environment(Map.of("GEN4J_HOME", "/srv/g"))))
        .isEqualTo(Path.of("/srv/g"));
    assertThat(
            Gen4jDirectories.home(
                properties(Map.of("gen4j.home", "/opt/g")), environment(Map.of("GEN4J_HOME", "/srv/g"))))
        .isEqualTo(Path.of("/opt/g"));
    assertThat(Gen4jDirectories.home(properties(Map.of()), environment(Map.of("GEN4J_HOME", "  "))))
        .as("a blank setting counts as unset")
        .isEqualTo(Path.of(USER_HOME, ".gen4j"));
  }

  @Test
  void cacheFallsBackFromItsOwnSettingToTheHomeToXdgToTheUsersHome() {
    Map<String, String> everything =
        Map.of("GEN4J_CACHE", "/c", "GEN4J_HOME", "/h", "XDG_CACHE_HOME", "/x");
    assertThat(Gen4jDirectories.cache(properties(Map.of("gen4j.cache", "/p")), environment(everything)))
        .isEqualTo(Path.of("/p"));
    assertThat(Gen4jDirectories.cache(properties(Map.of()), environment(everything)))
        .isEqualTo(Path.of("/c"));
    assertThat(
            Gen4jDirectories.cache(
                properties(Map.of()), environment(Map.of("GEN4J_HOME", "/h", "XDG_CACHE_HOME", "/x"))))
        .isEqualTo(Path.of("/h", "cache"));
    assertThat(Gen4jDirectories.cache(properties(Map.of()), environment(Map.of("XDG_CACHE_HOME", "/x"))))
        .isEqualTo(Path.of("/x", "gen4j"));
    assertThat(Gen4jDirectories.cache(properties(Map.of()), environment(Map.of())))
        .isEqualTo(Path.of(USER_HOME, ".cache", "gen4j"));
  }

  @Test
  void mirrorIsThePropertyElseTheVariableStrippedElseNone() {
    assertThat(Gen4jDirectories.mirror(properties(Map.of()), environment(Map.of()))).isEmpty();
    assertThat(
            Gen4jDirectories.mirror(
                properties(Map.of()), environment(Map.of("GEN4J_MIRROR", " http://mirror.lan/d "))))
        .contains("http://mirror.lan/d");
    assertThat(
            Gen4jDirectories.mirror(
                properties(Map.of("gen4j.mirror", "http://a/")),
                environment(Map.of("GEN4J_MIRROR", "http://b/"))))
        .contains("http://a/");
  }
}
