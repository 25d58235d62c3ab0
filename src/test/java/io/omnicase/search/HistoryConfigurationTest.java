package io.omnicase.search;

import co.elastic.clients.json.JsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's mapper writes vectors with Jackson's fast number writer: the node must get exactly the same numbers. */
class HistoryConfigurationTest {

    private final JsonpMapper mapper = new HistoryConfiguration().jsonpMapper(new ObjectMapper());

    @Test
    void aVectorComesBackFromItsJsonWithEveryNumberUnchanged() {
        Random random = new Random(18);
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (random.nextGaussian() / 20);
        }
        vector[0] = Float.MIN_VALUE;
        vector[1] = -0.0f;
        vector[2] = 1e-12f;
        vector[3] = 0.1f;

        StringWriter json = new StringWriter();
        try (JsonGenerator generator = mapper.jsonProvider().createGenerator(json)) {
            mapper.serialize(vector, generator);
        }
        float[] read = mapper.deserialize(mapper.jsonProvider().createParser(new StringReader(json.toString())), float[].class);

        assertThat(read).containsExactly(vector);
    }
}
