package io.learnhook.http.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringTest {
  @Test
  void decodesParametersAndKeepsTheFirstOfARepeatedName() {
    QueryString query = QueryString.parse("key=a%2Db&dry_run=true&key=second");

    assertThat(query.get("key")).contains("a-b");
    assertThat(query.flag("dry_run")).isTrue();
  }

  @Test
  void treatsOnlyTrueAndOneAsSetFlags() {
    assertThat(QueryString.parse("dry_run=1").flag("dry_run")).isTrue();
    assertThat(QueryString.parse("dry_run=TRUE").flag("dry_run")).isTrue();
    assertThat(QueryString.parse("dry_run=false").flag("dry_run")).isFalse();
    assertThat(QueryString.parse("dry_run").flag("dry_run")).isFalse();
    assertThat(QueryString.parse("").flag("dry_run")).isFalse();
  }

  @Test
  void skipsMalformedEscapesInsteadOfFailing() {
    QueryString query = QueryString.parse("key=%zz&dry_run=true");

    assertThat(query.get("key")).isEmpty();
    assertThat(query.flag("dry_run")).isTrue();
  }
}
