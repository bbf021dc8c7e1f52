package io.mediafleet.burner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the burner agent, which burns and verifies ISO images on command of the burn farm master.
 */
@SpringBootApplication
public class BurnerApplication {

	public static void main(String[] args) {
		SpringApplication.run(BurnerApplication.class, args);
	}

}
